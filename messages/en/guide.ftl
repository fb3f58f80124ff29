# The instructions sheet, first in the offline check sheet (.xlsx: isomm template and the web's
# per-respondent sheet): how to fill it in and score, the level table, the areas and patterns, how
# the sheet goes back (isomm-report, guide.rs). The seed's advice and FAQ in our own words.
# Arguments: names of the other sheets and their columns ($assessment, $answers, $value, $insource,
# $outsource, $note), the catalog's counts ($functions, $roles), the web page's words ($section,
# $field, $button) and address ($address). { sheet } and { levels-heading } are messages of this file.

## The sheet's name: at most 31 characters, none of : \ / ? * [ ].
sheet = How to fill in
intro = This check sheet lets you see for yourself how far your security operations (SOC/CSIRT) carry out each of the { $roles } roles of { $functions } functions. Read this sheet first, then fill in the sheets "{ $assessment }" and "{ $answers }".

steps-heading = Steps
steps-1 = On the sheet "{ $assessment }", fill in the column "{ $value }": organisation, date, current and target patterns (see "{ patterns-heading }" below), target level, your name and your position.
steps-2 = On the sheet "{ $answers }", for each role choose a level (0–5) from "{ levels-heading }" below: in the column "{ $insource }" for what your own organisation does, in the column "{ $outsource }" for what a provider does for you. Selecting a cell offers a list.
steps-3 = Write anything worth adding in the column "{ $note }".
## The last step: how the filled-in sheet goes back. From `isomm template`:
back-command = Save the file and give it back to whoever handed out this sheet. They read it with isomm report FILE.xlsx to see the results (several people's sheets can be read together).
## From the web page of a respondent's private link (its address is not written into the file):
back-page = When saved, open again the page you downloaded this sheet from (your private link); under "{ $section }", choose this file at "{ $field }" and press "{ $button }". Every role is replaced by this sheet's answers. The assessment’s settings (organisation, patterns, target level) and your position are not taken from this file: to change them, tell the person running the assessment.
## From the web page of an assessor, $address being that page:
back-address = When saved, open the page you downloaded this sheet from, { $address }; under "{ $section }", choose this file at "{ $field }" and press "{ $button }". Every role is replaced by this sheet's answers. The assessment’s settings (organisation, patterns, target level) and your position are not taken from this file: to change them, tell the person running the assessment.

scoring-heading = How to score
scoring-1 = When nothing is done and nothing was decided, or when you do not know how things stand, choose 1. A role left empty also counts as 1.
scoring-2 = Choose 0 when doing it was considered and decided against (the role is then not applicable).
scoring-3 = When a role is done both by your own organisation and by a provider, score both "{ $insource }" and "{ $outsource }" (the higher one counts). When it is done one way only, score that side only.
scoring-4 = Scores differ with the position of whoever answers, and these differences in perception are what the check shows: do not agree on scores with others; answer on your own, from your own position.
scoring-5 = A new organisation is expected to answer "I don't know" or "not done" for many roles. Check things as they are.

levels-heading = Levels
levels-intro = "{ $insource }" is the maturity of what your own organisation does; "{ $outsource }" is how well you understand and check what a provider does for you.
level = Level

areas-heading = The four areas
areas-intro = Every role lies in one of four areas.
area = Area

patterns-heading = Organisation patterns
patterns-intro = A pattern says which of the four areas your own organisation does; the others are left to specialist organisations. Choosing the current and the target pattern on the sheet "{ $assessment }" decides, role by role, which side is expected ("{ $insource }" for roles in areas done in-house, "{ $outsource }" for the others); the results point out improvements from the scores on that side.
pattern = Pattern
in-house = Areas done in-house

## The input message of an answer cell (at most 255 characters).
prompt = Choose 0–5 (empty: not answered). What each level means is in "{ levels-heading }" on the sheet "{ sheet }".
## Under the title of the assessment sheet.
see-guide = How to score, what the levels mean and how to hand the sheet back: see the sheet "{ sheet }".
