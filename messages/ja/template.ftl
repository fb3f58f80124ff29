# The answers-file templates (TOML, CSV; isomm template): the comments that guide whoever fills
# them in (isomm-report, sheet.rs).

header = ISOMM セキュリティ対応組織 成熟度セルフチェックシート
run = 記入したら結果を表示: isomm report このファイル
levels = レベルの付け方（インソース ／ アウトソース）
organization = 組織名
title = タイトル（例: 2026年度 セルフチェック）
name = 回答者の名前

## The catalog as a listing (isomm catalog): $model is the model's id, $functions and $roles counts.
catalog-heading = { $model } — 機能 { $functions }、役割 { $roles }
catalog-levels = レベル（インソース ／ アウトソース）
catalog-patterns = 組織パターン
catalog-in-house = 自組織で実施する領域
