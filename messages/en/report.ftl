# The reports (HTML, PDF, Excel, the results page's report): every word they print (isomm-report).
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

lang = en
report-title = Security operations maturity self-check: results
organization = Organisation
title = Title
date = Date
model = Model
current-pattern = Current pattern
target-pattern = Target pattern
target-level = Target level
in-house-areas = Areas done in-house
outsourced-areas = Areas outsourced
none = none
overall = Overall maturity
overall-note = 0–5, the mean over all counted roles
respondents = Respondents
position = Position
answered = Roles answered
radar-heading = Maturity per function
radar-note = A line breaks at a function without a value (it is not 0). The red dashed ring is the target level.
series-combined = Combined
series-insource = Insource
series-outsource = Outsource
table-heading = The numbers behind the chart
function = Function
maturity = Maturity
insource = Insource
outsource = Outsource
roles-counted = Roles counted
roles-not-applicable = Not applicable (0)
strengths = Relative strengths
weaknesses = Relative weaknesses
strengths-note = The functions with the highest maturity in this organisation (up to three), against the target level
weaknesses-note = The functions with the lowest maturity in this organisation, strengths aside (up to three), against the target level
strong-roles = Roles at 4.0 or above
weak-roles = Roles at 2.0 or below
roles-heading = Maturity per role
roles-note = Bar length is the role's maturity; the colour and the word after the value (in, out, both, none) are the sourcing the answers give. The dotted line is the target level.
legend-insourced = Insource only
legend-outsourced = Outsource only
legend-both = Both
legend-unanswered = Unanswered (counted as 1)
legend-target = Target level
# Written after each role's value (and before its legend entry), so that bars can be told apart
# without their colour (a print in black and white).
mark-insourced = in
mark-outsourced = out
mark-both = both
mark-unanswered = none
not-applicable = Not applicable
role = Role
area = Area
level = Maturity
sourcing = Sourcing
mismatches-heading = Mismatches with the current pattern
mismatches-note = Roles answered only on the side the current pattern does not expect. Check the pattern you chose, or who does the work.
mismatches-none = No mismatches.
expected = Pattern expects
actual = Answered as
improvements-heading = Improvement points toward the target
improvements-note = Ordered by the gap between the target level and the side the target pattern expects; a role whose sourcing changes gets one extra point of priority.
improvements-none = Every role has reached the target level.
rank = #
side = Side
gap = Gap
now = Now
priority = Priority
reason = Why
gaps-heading = Differences in perception
gaps-note = Roles on which respondents differ by 2 points or more: a place to start a conversation about how each position sees the work.
gaps-none = No differences of 2 points or more.
lowest = Lowest
highest = Highest
spread = Spread
positions-heading = Maturity by position
positions-note = Maturity per function computed from the respondents of each position alone.
advice-heading = Reading the results (advice from ISOG-J)
advice-1 = Where staff change every two or three years, scores tend to be lower right after a change.
advice-2 = Managers and leaders tend to score higher, staff lower.
advice-3 = Outsourced items tend to get higher scores.
about-heading = About these results
about = isomm computes these results with published rules (R1–R12, based on ISOG-J's introduction of the ISOMM self-check sheet); they are not copied from ISOG-J's Excel workbook. The role-to-area table is an example and can be changed for every assessment.
generated-by = Made with isomm
none-dash = —
summary-heading = Summary
top-actions = First actions
changes-heading = Change of pattern
largest-gap = Largest perception gap
counted = Respondents counted
plan-more = The other improvement points
# Beyond ten respondents, their list goes to an appendix at the end.
appendix = Appendix
respondents-in-appendix = { $count ->
        [one] The respondent is listed in the appendix at the end.
       *[other] The { $count } respondents are listed in the appendix at the end.
    }
# Phrases the PDF keeps on one line (a typst regular expression, alternatives separated by |): a
# level with its number, a side with its value, the distance to the target.
keep-together = level [0-9]|(Insource|Outsource) [0-9.]+|[0-9.]+ below the target
# The PDF's appendix: every answer and note, respondent by respondent (never for readers of results).
answers-heading = Answers and notes
answers-note = Each respondent's answers role by role (in = insource, out = outsource; — left empty, 0 considered and decided against) and notes.
answers-in-workbook = With { $count } respondents, the answers and notes are not listed in the PDF; the workbook (XLSX) has them on its answers sheet.
thin-note = * marks a value that rests on one answering respondent or none (0 aside) although several were asked.
notes = Respondents' notes
axis-outsource = Outsource
axis-insource = Insource
gaps-filter = Filter by spread
gaps-all = All
plan-all-points = Action
to-target = Against the target
colon = {": "}

# Punctuation of the language, asked for by key: code never chooses it by language.
list-separator = {", "}
sentence-gap = {" "}
# A person with their position.
who = { $name } ({ $position })
# An area with its name.
area-named = { $area } ({ $name })

## The trend of rounds (isomm trend --format svg)
trend-heading = Maturity over the rounds
trend-note = One point per round, in date order (rounds without a date come last, in the order given). A line breaks at a round without a value (it is not 0). The red dashed line is the target level of each round.
trend-no-date = no date
trend-no-value = no value
# Between the charts in the text alternative.
trend-separator = {"; "}
# Under a round in the chart of the overall.
trend-round = round { $round }
# A round's value in words, in the chart's text alternative.
trend-point = round { $round } { $value }
trend-point-dated = round { $round } ({ $date }) { $value }
