# The offline check sheet (.xlsx): its sheet names, headers and labels, written and read back (isomm-core).
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

assessment-sheet = 評価
answers-sheet = 回答
title = ISOMM セキュリティ対応組織 成熟度セルフチェックシート
instructions = この表の「値」の列と、「回答」シートのインソース・アウトソース・備考の列を記入してください。
field = 項目
value = 値
key = キー
labels-1 = 組織名
labels-2 = タイトル
labels-3 = 実施日（YYYY-MM-DD）
labels-4 = 現在のパターン
labels-5 = 目標のパターン
labels-6 = 目標レベル（1〜5）
labels-7 = 回答者の名前
labels-8 = 立場
labels-9 = モデル
labels-10 = 形式
function = 機能
id = ID
role = 役割
description = 説明
insource = インソース
outsource = アウトソース
note = 備考
level-error = 0〜5 の整数を選んでください（空欄は未回答）。
target-level-error = 目標レベルは 1〜5 の整数で入力してください。
date-error = 実施日は日付で入力してください（例: 2026-11-27）。
