# 2 つの回の比較（isomm compare、レポートの「前回からの変化」）で表示するすべての語（isomm-report）。
# キーは語の構造体のフィールド名の _ を - にしたもの。

lang = ja
heading = ISOMM セルフチェック: 2 つの回の比較
since-heading = 前回からの変化
earlier = 前回
later = 今回
round = 回の名前
organization = 組織
date = 実施日
respondents = 回答者
overall = 総合成熟度
change = 変化
status = 判定
threshold = しきい値
function = 機能
role = 役割
maturity = 成熟度
insource = インソース
outsource = アウトソース
radar-heading = 機能別の成熟度（前回と今回）
radar-note = 実線が今回、破線が前回、赤い破線の輪が目標レベルです。値のない機能では線が切れます（0 ではありません）。
functions-heading = 機能ごとの変化
roles-heading = 役割ごとの変化
filter = 判定で絞り込む
filter-all = すべて
most-improved = 最も改善した役割
most-declined = 最も低下した役割
none-improved = しきい値以上に改善した役割はありません。
none-declined = しきい値以上に低下した役割はありません。
follow-up-heading = 前回の改善ポイントのその後
follow-up-note = 前回の改善ポイントごとに、今回その実施形態の値が前回の目標レベルに達したかを示します。今回その実施形態に回答がなければ、改善ポイントと同じく 1 とします。「計画」は前回のレポートの改善計画に載っていた項目です。前回、対応項目として追跡していたポイントは、その項目の目標レベルで判定し、項目の状況と担当者を示します。
follow-up-other = 前回の計画に載らなかった改善ポイント
follow-up-none = 前回は改善ポイントがありませんでした。
side = 実施形態
earlier-level = 前回の値
later-level = 今回の値
target-level = 目標レベル
reached = 到達
not-reached = 未到達
in-plan = 計画
in-plan-yes = 計画にあり
in-plan-no = 計画外
tracked-item = 対応項目
tracked-item-owner = { $status }（{ $owner }）
not-applicable = 該当なし
pattern-heading = 組織パターン
current-pattern = 現在のパターン
target-pattern = 目標パターン
perception-heading = 認識のばらつき（前回と今回）
perception-note = 回答者の間でレベルの差（最大−最小）が 2 以上あった役割です。差が縮まれば、認識がそろってきたことを示します。
perception-none = どちらの回にも差が 2 以上の役割はありません。
spread-earlier = 前回のばらつき（最大−最小）
spread-later = 今回のばらつき（最大−最小）
status-improved = 改善
status-declined = 低下
status-unchanged = 横ばい
status-new = 新たに該当
status-dropped = 該当しなくなった
status-none = 両回とも該当なし
status-unanswered = 未回答の回あり
mark-improved = ▲
mark-declined = ▼
mark-unchanged = →
mark-new = ＋
mark-dropped = －
mark-none = ・
mark-unanswered = ？
none-dash = —
sheet-summary = 比較
sheet-roles = 役割の変化
sheet-follow-up = 前回の計画のその後
sheet-perception = 認識のばらつき
about-heading = このレポートについて
about = isomm が 2 つの回の結果から、isomm の比較規則 C1〜C6 で作りました。変化は四捨五入する前の値の差を、ほかの数値と同じく小数 1 桁に丸めて示します。判定はその表示された変化としきい値で決まるので、数字と判定が食い違うことはありません。
generated-by = isomm で作成
model = モデル

# 引数のあるメッセージ
threshold-note = 変化が ±{ $threshold } 以上（表示された小数 1 桁の値で）のとき「改善」「低下」と判定します。
rounds = { $earlier } → { $later }
respondents-count = { $count } 人
follow-up-summary = 前回の改善ポイント { $count } 件のうち { $reached } 件が目標レベル { $target } に到達しました（前回の計画にあった { $planned } 件では { $planned-reached } 件）。{ $tracked ->
        [0] {""}
       *[other] 対応項目として追跡した { $tracked } 件は、それぞれの項目の目標レベルで判定しています。
    }
pattern-line = { $earlier } → { $later }
overall-sentence = 総合成熟度は { $earlier } から { $later } へ（{ $delta }、判定は「{ $status }」、しきい値 ±{ $threshold }）。
people = 回答者: 両方の回に回答 { $both } 人、今回から { $joined } 人、前回のみ { $left } 人（名前で照合）。
spreads-missing = { $which ->
        [earlier] 前回
        [later] 今回
       *[both] どちらの回
    }の結果文書にはばらつきの情報がありません（以前の isomm で作られたものです）。その回のばらつきはこの一覧に反映されていません。
