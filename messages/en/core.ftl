# The model's own words (isomm-core): positions of respondents, sourcing sides, the areas of the
# seed's four-area diagram. The catalog's functions, roles and levels are in its data file.

position-manager = Manager
position-leader = Leader
position-staff = Staff
position-other = Other

side-insource = Insource
side-outsource = Outsource

area-i = Done by our own organisation
area-ii = Led by our own organisation, with partners
area-iii = Done by a specialist organisation
area-iv = Led by a specialist organisation, with us

# A plan item's status (isomm-plan/1's status, in its order)
status-todo = Not started
status-in-progress = In progress
status-done = Done
status-on-hold = On hold
status-wont-do = Won't do
