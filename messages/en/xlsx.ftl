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
statuses-1 = Not started
statuses-2 = In progress
statuses-3 = Done
statuses-4 = On hold
statuses-5 = Won't do
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
