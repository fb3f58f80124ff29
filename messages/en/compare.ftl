# Every word of a comparison of two rounds (isomm compare, the report's "since the last round")
# (isomm-report). Keys are the fields of the words struct with - for _.

lang = en
heading = ISOMM self-check: two rounds compared
since-heading = Since the last round
earlier = Earlier
later = Later
round = Round
organization = Organisation
date = Date
respondents = Respondents
overall = Overall maturity
change = Change
status = Status
threshold = Threshold
function = Function
role = Role
maturity = Maturity
insource = Insource
outsource = Outsource
radar-heading = Maturity per function, both rounds
radar-note = The solid line is the later round, the dashed line the earlier; the red dashed ring is the target level. A line breaks at a function without a value (it is not 0).
functions-heading = Change per function
roles-heading = Change per role
filter = Show
filter-all = All
most-improved = Most improved roles
most-declined = Most declined roles
none-improved = No role improved by the threshold or more.
none-declined = No role declined by the threshold or more.
follow-up-heading = What became of the earlier improvement points
follow-up-note = For each improvement point of the earlier round: whether that side's value now reaches the earlier target level. A side nobody answered now counts as 1, as for improvement points. "In the plan" marks the points the earlier report's plan listed. A point the earlier round tracked as an item is checked against that item's own target level, and shows the item's status and owner.
follow-up-other = Earlier improvement points not in the plan
follow-up-none = The earlier round had no improvement points.
side = Side
earlier-level = Earlier value
later-level = Later value
target-level = Target level
reached = Reached
not-reached = Not reached
in-plan = Plan
in-plan-yes = In the plan
in-plan-no = Not in the plan
tracked-item = Tracked item
tracked-item-owner = { $status } ({ $owner })
not-applicable = Not applicable
pattern-heading = Organisation pattern
current-pattern = Current pattern
target-pattern = Target pattern
perception-heading = Perception spreads, then and now
perception-note = Roles on which respondents' levels differed by 2 or more (highest − lowest) in either round. A spread that narrows means people now see the role alike.
perception-none = No role had a spread of 2 or more in either round.
spread-earlier = Earlier spread (highest − lowest)
spread-later = Later spread (highest − lowest)
status-improved = Improved
status-declined = Declined
status-unchanged = Steady
status-new = Newly applicable
status-dropped = No longer applicable
status-none = Not applicable in either
status-unanswered = Unanswered in a round
mark-improved = ▲
mark-declined = ▼
mark-unchanged = →
mark-new = +
mark-dropped = −
mark-none = ·
mark-unanswered = ?
none-dash = —
sheet-summary = Comparison
sheet-roles = Role changes
sheet-follow-up = Earlier plan
sheet-perception = Perception spreads
about-heading = About this report
about = Made by isomm from the results of two rounds with isomm's comparison rules C1–C6. Every change is the difference of the unrounded values, rounded to one decimal as shown; the status is judged on that shown value against the threshold, so a number and its status never disagree.
generated-by = Made with isomm
model = Model

# Messages with arguments
threshold-note = A change of ±{ $threshold } or more (as shown, one decimal) counts as improved or declined.
rounds = { $earlier } → { $later }
respondents-count = { $count ->
        [one] 1 person
       *[other] { $count } people
    }
follow-up-summary = { $reached } of the earlier round's { $count } improvement points reached the target level { $target } ({ $planned-reached } of the { $planned } in its plan).{ $tracked ->
        [0] {""}
        [one] { " " }The one tracked as an item is checked against its own target level.
       *[other] { " " }The { $tracked } tracked as items are checked against each item's own target level.
    }
pattern-line = { $earlier } → { $later }
overall-sentence = The overall maturity went from { $earlier } to { $later } ({ $delta }; status: { $status }, threshold ±{ $threshold }).
people = Respondents: { $both } answered in both rounds, { $joined } joined, { $left } only in the earlier (matched by name).
spreads-missing = { $which ->
        [earlier] The earlier round's
        [later] The later round's
       *[both] Neither round's
    } result document carries no spreads (it was made by an earlier isomm): its spreads are not in this list.
