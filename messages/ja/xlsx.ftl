# The Excel report (isomm-report): the words only the workbook uses; the others are in report.ftl.
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

summary = サマリー
roles = 役割別
plan = 改善計画
gaps = 認識の差
positions = 立場別
mismatches = 不一致
strong-weak = 強い役割・弱い役割
advice = 読み方の注意
answers = 回答
id = ID
name = 名前
unanswered = 未回答の人数
expected-current = 現在のパターンの想定
expected-target = 目標のパターンの想定
transition = 実施形態の変更
yes = あり
no = なし
owner = 担当者
due = 期限
status = 状況
plan-columns-1 = キー
plan-columns-2 = 順位
plan-columns-3 = 役割
plan-columns-4 = 側
plan-columns-5 = 対応
plan-columns-6 = 項目名
plan-columns-7 = 担当者
plan-columns-8 = 期限
plan-columns-9 = 状況
plan-columns-10 = 理由
plan-columns-11 = 目標レベル
plan-columns-12 = 開始時のレベル
plan-columns-13 = 現在のレベル
plan-columns-14 = 到達の確認
plan-columns-15 = 根拠
plan-columns-16 = メモ
plan-columns-17 = 更新日時
respondent = 回答者
respondent-level = レベル（R1）
note = 備考
thin = 回答が少ない（*）
lowest-who = 最低をつけた人
highest-who = 最高をつけた人
list-separator = 、

# The font of every cell and chart: Yu Gothic (游ゴシック), Excel's default font on Japanese Windows
# since Excel 2016, which Office for Mac also has. Written under its English name, which Windows and
# macOS both find. A Japanese font has no italic face (Excel would slant it): what the workbook knows
# of the font (its line height, its italics) is in crates/isomm-report/src/xlsx/font.rs.
font = Yu Gothic
