# The Excel report (isomm-report): the words only the workbook uses; the others are in report.ftl.
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

summary = Summary
roles = Roles
plan = Action plan
gaps = Perception gaps
positions = Positions
mismatches = Mismatches
strong-weak = Strong and weak roles
advice = Advice
answers = Answers
id = ID
name = Name
unanswered = Unanswered (respondents)
expected-current = Expected now
expected-target = Expected at target
transition = Sourcing changes
yes = Yes
no = No
owner = Owner
due = Due
status = Status
plan-columns-1 = Key
plan-columns-2 = Rank
plan-columns-3 = Role
plan-columns-4 = Side
plan-columns-5 = Action
plan-columns-6 = Item
plan-columns-7 = Owner
plan-columns-8 = Due
plan-columns-9 = Status
plan-columns-10 = Reason
plan-columns-11 = Target level
plan-columns-12 = Level at start
plan-columns-13 = Level now
plan-columns-14 = Verified
plan-columns-15 = Evidence
plan-columns-16 = Note
plan-columns-17 = Updated
respondent = Respondent
respondent-level = Level (R1)
note = Note
thin = Few answers (*)
lowest-who = Who scored lowest
highest-who = Who scored highest
list-separator = {", "}

# The font of every cell and chart: Excel's default font until 2023, on Windows and macOS. What the
# workbook knows of the font (its line height, its italics) is in crates/isomm-report/src/xlsx/font.rs.
font = Calibri
