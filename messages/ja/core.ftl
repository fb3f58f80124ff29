# The model's own words (isomm-core): positions of respondents, sourcing sides, the areas of the
# seed's four-area diagram. The catalog's functions, roles and levels are in its data file.

position-manager = 管理職
position-leader = リーダー
position-staff = 担当者
position-other = その他

side-insource = インソース
side-outsource = アウトソース

area-i = 自組織で実施すべき領域
area-ii = 自組織を中心に連携すべき領域
area-iii = 専門組織で実施すべき領域
area-iv = 専門組織を中心に連携すべき領域

# 対応項目の状況（isomm-plan/1 の status の順）
status-todo = 未着手
status-in-progress = 対応中
status-done = 完了
status-on-hold = 保留
status-wont-do = 実施しない
