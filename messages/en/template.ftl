# The answers-file templates (TOML, CSV; isomm template): the comments that guide whoever fills
# them in (isomm-report, sheet.rs).

header = ISOMM security operations maturity self-check sheet
run = When filled in, see the results with: isomm report THIS-FILE
levels = Levels (insource / outsource)
organization = organisation name
title = title, such as "FY2026 self-check"
name = respondent's name

## The catalog as a listing (isomm catalog): $model is the model's id, $functions and $roles counts.
catalog-heading = { $model } — { $functions } functions, { $roles } roles
catalog-levels = Levels (insource / outsource)
catalog-patterns = Organisation patterns
catalog-in-house = areas done in-house
