# The improvement plan (isomm-report, plan.rs): R10's points grouped by what to do, largest gaps
# first. $side and $from are sourcing sides (core.ftl); $level has one decimal; $from and $to in
# `todo` are the sheet's level definitions.

# The six groups, read from the answers first (docs/rules.md, "The improvement plan"). The groups
# come in the order of their first lines.
find-out = Find out how it is done
find-out-note = Nobody answered these roles on either side. Find out who does them, and how, before planning them.
raise-in-house = Raise in-house maturity
raise-in-house-note = Done in-house, as the target expects. Document the operation, have it approved, and make it survive a change of staff.
manage-provider = Manage the provider
manage-provider-note = Outsourced, as the target expects. Understand the service and what it delivers, and get the results you expect from it.
confirm-sourcing = Confirm how it is done
confirm-sourcing-note = The answers put these roles on the other side from the current pattern. Confirm how each is done before planning it.
bring-in-house = Bring in-house
bring-in-house-note = The target pattern does these roles in-house, and nobody rated doing them in-house yet. Build a team that can run them, taking the provider's level as the reference.
hand-over = Hand over to a provider
hand-over-note = The target pattern leaves these roles to a specialist organisation, and nobody rated a provider for them yet. Choose a provider and make sure its results can be checked.

# One side now (both sides are shown side by side).
side-level = { $side } { $level }
side-declined = { $side }: { $count } of { $respondents } decided not to do it (0)
# The side and level to reach.
goal = Target: { $side } { $target }
side-none = { $side }: no answer

# What reaching the target means.
# Straight quotes: the PDF's Japanese font draws curly ones full width.
todo = { $side }: from "{ $from }" (level { $from-level }) to "{ $to }" (level { $target }).
# A role nobody answered: no level to start from, only the goal.
todo-find-out = Once you know who does it and how, the goal is { $side }: "{ $to }" (level { $target }).
# An outsourced role's goal, in isomm's words for what to achieve at $target (the sheet's own
# definition, $to, describes the level as it is met, not as a goal).
todo-outsource = { $side }: from "{ $from }" (level { $from-level }) to level { $target }, where { $target ->
        [2] you know the service is bought; understanding what it does and delivers comes next
        [3] you understand either what the service does or what it delivers
        [4] you understand the service and its results and know where they fall short
       *[5] you understand the service and get the results you expect
    }. The sheet defines level { $target } as "{ $to }".

# Why, when it needs saying.
# $side is insource or outsource.
why-declined = { $count } of { $respondents } { $respondents ->
        [one] respondent
       *[other] respondents
    } answered 0 for { $side ->
        [insource] doing it in-house
       *[outsource] outsourcing it
    } ("considered, and decided not to do it"). The target does it, so the plan starts by revisiting that decision.
why-unanswered = No answer for { $side ->
        [insource] doing it in-house
       *[outsource] outsourcing it
    }; it counts as 1.
why-transition = { $side ->
        [insource] Outsourced under the current pattern, in-house under the target pattern.
       *[outsource] In-house under the current pattern, left to a provider under the target pattern.
    }
# A mismatch with the current pattern (R9) whose answers are on the target's side already.
why-mismatch = The answers show it { $side ->
        [insource] done in-house
       *[outsource] outsourced
    } already, though the current pattern has it the other way: the pattern changes, not the practice. Raise the level it has.
# The answers contradict the current pattern (R9) and have no value on the target's side.
why-confirm = The current pattern { $expected ->
        [insource] does it in-house
       *[outsource] outsources it
    }, but the answers only rate { $actual ->
        [insource] doing it in-house
       *[outsource] a provider
    }.
why-find-out = Nobody answered either side; each respondent's level counts as 1.
# A strong role (level 4 or more) that is still a plan line: its level is the other side's.
why-strong = A strong role ({ $level }) thanks to its other side: { $side ->
        [insource] in-house
       *[outsource] the provider's
    } level is { $value }.
# A line kept in the plan so that a weak function (R8) has one.
why-weakness = In the plan as the top point of a weak function ({ $function }).

# What the whole part of the overall means in the sheet's level definitions ($insource and
# $outsource are the sheet's words).
overall-meaning = An overall of { $overall } is level { $level }, which the sheet defines as "{ $insource }" in-house and "{ $outsource }" for an outsourced role.
# How many roles' answers contradict the current pattern (R9).
mismatch-count = { $count ->
        [0] Every role is done the way the current pattern expects, by the answers.
        [one] For { $count } role, the answers contradict the current pattern (listed under "Mismatches with the current pattern").
       *[other] For { $count } roles, the answers contradict the current pattern (listed under "Mismatches with the current pattern").
    }
# Under the table of functions, when a side's value is above the combined maturity.
side-above-combined = The insource and outsource values are means over the roles answered on that side only; the maturity is the mean over every role (no answer counts as 1). So a side's value can be above the maturity.

# With many respondents, the table of perception gaps lists the $shown largest.
gaps-more = The { $shown } largest are listed. { $count ->
        [one] { $count } more role has
       *[other] { $count } more roles have
    } a gap of 2 or more (the workbook and the result data, JSON, have them all).
# In a position's cell, decisions against the role (0) counted apart from the range of levels.
declined-in-cell = { $count ->
        [one] (0: { $count } person)
       *[other] (0: { $count } people)
    }

# What the plan shows.
scope = The { $shown } improvement points with the highest priority among those at least { $min-gap } below the target level.
scope-folded = The other { $folded } are listed after the plan.
scope-below = { $below } points less than { $min-gap } below the target are left out (the result data, JSON, has all { $total }).

# The summary (view.rs): the report's first page.
# A value against the target level. $reached is yes or no.
against-target = { $reached ->
        [yes] (target level { $target } reached)
       *[no] ({ $gap } below the target)
    }
verdict = Overall maturity { $overall }: { $reached ->
        [yes] the target level { $target } is reached.
       *[no] { $gap } below the target level { $target }.
    }
verdict-none = No answers yet. Once respondents answer, the overall maturity and its distance to the target appear here.
# Respondents part way through and those who have answered nothing ($parts joins partial-unfinished and
# partial-silent). Unanswered roles count as 1 (R1). Numbers choose their words by plural rules.
partial = Of { $respondents } { $respondents ->
        [one] respondent
       *[other] respondents
    }, { $parts }and unanswered roles count as 1.
partial-unfinished = { $count } { $count ->
        [one] is
       *[other] are
    } part way through,{ " " }
partial-silent = { $count } { $count ->
        [one] has
       *[other] have
    } not answered yet,{ " " }
# $moves joins moves-in and moves-out (either may be missing); $roles is the number of roles that change sourcing.
pattern-change = { $same ->
        [yes] The target keeps the current pattern, { $current }: no role changes sourcing.
       *[no] From { $current } to { $target }: { $moves }{ $roles } roles change sourcing.
    }
moves-in = area { $areas } moves in-house,{ " " }
moves-out = area { $areas } moves to providers,{ " " }
largest-gap = { $role }: lowest { $min } ({ $low }), highest { $max } ({ $high }), a spread of { $spread }.
counted = { $count } ({ $positions })

# Whether the per-position comparison shows the seed's tendencies ($result is above, below or even;
# a difference under 0.3 is even).
tendency-positions = { $result ->
        [above] Managers and leaders ({ $high }) score { $diff } higher than staff ({ $low }): the tendency ISOG-J describes (managers and leaders score high, staff low).
        [below] Staff ({ $low }) score { $diff } higher than managers and leaders ({ $high }), the opposite of the tendency ISOG-J describes.
       *[even] Managers and leaders ({ $high }) and staff ({ $low }) differ by { $diff }: no marked tendency by position.
    }
tendency-sourcing = { $result ->
        [above] Outsourced roles ({ $high }) score { $diff } higher than in-house ones ({ $low }): the tendency ISOG-J describes (outsourced items score high).
        [below] In-house roles ({ $low }) score { $diff } higher than outsourced ones ({ $high }), the opposite of the tendency ISOG-J describes.
       *[even] Outsourced ({ $high }) and in-house ({ $low }) roles differ by { $diff }: no marked tendency by sourcing.
    }

# The rest of a list of names, and the people in a position (perception gaps).
and-more = { " " }and { $count } more
people = { $count } people
# The largest perception gap: people per position, and other roles with the same spread.
position-count = { $position } { $count }
largest-gap-ties = { " " }{ $count } other roles have the same spread of { $spread }.
# Notes not shown (the result data has them all).
more-notes = { $count } more notes
# Where a difference (a tendency, the distance to the target, a plan line's gap), taken before
# rounding, differs by 0.1 from the difference of the two figures shown.
difference-rounding = (The difference is taken before rounding, so it can differ by 0.1 from the difference of the two figures shown.)
