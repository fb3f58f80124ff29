# The Excel report (isomm-report): the words only the workbook uses; the others are in report.ftl.
# Keys are the fields of the words struct with - for _; a list is numbered from 1.

summary = サマリー
roles = 役割別
plan = 改善計画
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
statuses-1 = 未着手
statuses-2 = 対応中
statuses-3 = 完了
respondent = 回答者
respondent-level = レベル（R1）
note = 備考
list-separator = 、
