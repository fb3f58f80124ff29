# The offline check sheet (.xlsx): its sheet names, headers and labels, written and read back (isomm-core).
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

assessment-sheet = Assessment
answers-sheet = Answers
title = ISOMM security operations maturity self-check sheet
instructions = Fill in the Value column of this table and, on the Answers sheet, the Insource, Outsource and Note columns.
field = Field
value = Value
key = Key
labels-1 = Organisation
labels-2 = Title
labels-3 = Date (YYYY-MM-DD)
labels-4 = Current pattern
labels-5 = Target pattern
labels-6 = Target level (1–5)
labels-7 = Respondent's name
labels-8 = Position
labels-9 = Model
labels-10 = Format
function = Function
id = ID
role = Role
description = Description
insource = Insource
outsource = Outsource
note = Note
level-error = Choose a whole number from 0 to 5 (empty: not answered).
target-level-error = Enter the target level as a whole number from 1 to 5.
date-error = Enter the date as a date (for example 2026-11-27).
