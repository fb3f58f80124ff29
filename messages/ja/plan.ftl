# 改善計画 (isomm-report, plan.rs): R10 の改善ポイントを「何をするか」でまとめ、差の大きいものから示す。
# $side と $from は実施形態の名前 (core.ftl)。$level は小数 1 桁。$from と $to (todo) はシートのレベル定義。

# 6 つのまとめ方。回答を先に、パターンを後に見て決める (docs/rules.md「改善計画」)。グループは最初の行の順。
find-out = 実施状況を確かめる
find-out-note = どちらの実施形態にも回答がなかった役割です。計画の前に、誰がどのように行っているかを確かめます。
raise-in-house = 自組織の成熟度を上げる
raise-in-house-note = 目標どおり自組織で行っている役割です。運用を明文化し、承認を得て、担当者が替わっても続けられるようにします。
manage-provider = 委託先を管理する
manage-provider-note = 目標どおり専門組織に任せている役割です。サービス内容と得られる結果を理解し、想定通りの成果を得られるようにします。
confirm-sourcing = 実施形態を確認する
confirm-sourcing-note = 回答が現在のパターンと逆の実施形態になっている役割です。計画の前に、実際にどちらで行っているかを確認します。
bring-in-house = インソース化する
bring-in-house-note = 目標のパターンでは自組織で行う役割で、まだインソースの評価がありません。委託先の水準を参考に、自組織で回せる体制を作ります。
hand-over = アウトソースに移す
hand-over-note = 目標のパターンでは専門組織に任せる役割で、まだアウトソースの評価がありません。委託先を選び、結果を確認できるようにします。

# 一方の実施形態の現状 (両方を並べて示す)。
side-level = { $side } { $level }
side-declined = { $side }：{ $respondents } 人中 { $count } 人が実施しないと判断（0）
# 目標の実施形態とレベル。
goal = 目標：{ $side } { $target }
side-none = { $side }：回答なし

# 目標に届くとはどういうことか。
todo = { $side }で「{ $from }」（レベル { $from-level }）から「{ $to }」（レベル { $target }）へ。
# 誰も回答しなかった役割: 出発点のレベルは分からないので、目標だけを示す。
todo-find-out = 誰がどのように行っているかを確かめたうえで、目標は{ $side }で「{ $to }」（レベル { $target }）です。
# アウトソースの目標は、達成すべきこととして isomm の言葉で示す (シートの定義 $to は水準の記述で、目標の文ではない)。
todo-outsource = { $side }で「{ $from }」（レベル { $from-level }）から「{ $target ->
        [2] 委託していることは把握している（内容と結果の理解はこれから）
        [3] サービス内容か得られる結果の一方を理解している
        [4] サービス内容と結果を理解し、想定に届かない点を把握している
       *[5] サービス内容と結果を理解し、想定通りの成果を得ている
    }」（レベル { $target }）へ。シートのレベル { $target } の定義は「{ $to }」です。

# 理由 (必要なときだけ)。
# $side は insource か outsource。
why-declined = { $side ->
        [insource] インソース
       *[outsource] アウトソース
    }は回答者 { $respondents } 人中 { $count } 人が「検討の結果、実施しないと判断した」（0）と回答しています。目標では行う役割なので、この判断の見直しから始まります。
why-unanswered = { $side ->
        [insource] インソース
       *[outsource] アウトソース
    }の回答がないため 1 として計算しています。
why-transition = { $side ->
        [insource] 現在のパターンではアウトソース、目標のパターンでは自組織で行う役割です。
       *[outsource] 現在のパターンでは自組織、目標のパターンでは専門組織に任せる役割です。
    }
# 現在のパターンとの不一致 (R9) で、回答がすでに目標の実施形態にあるとき。
why-mismatch = 回答ではすでに{ $side ->
        [insource] 自組織で行われて
       *[outsource] 専門組織に任されて
    }おり、現在のパターンとは逆です。変わるのはパターンで、実務ではありません。今の水準を上げます。
# 回答が現在のパターンと逆で、目標の実施形態に値がないとき。
why-confirm = 現在のパターンでは{ $expected ->
        [insource] 自組織で行う
       *[outsource] 専門組織に任せる
    }役割ですが、回答は{ $actual ->
        [insource] インソース
       *[outsource] アウトソース
    }のみです。
why-find-out = どちらの実施形態にも回答がなく、各回答者のレベルは 1 として計算しています。
# 強い役割 (レベル 4 以上) が計画に入るとき: そのレベルはもう一方の実施形態の値。
why-strong = 役割のレベル（{ $level }）が高いのはもう一方の実施形態の値によるもので、{ $side ->
        [insource] インソース
       *[outsource] アウトソース
    }は { $value } です。
# 弱みの機能 (R8) に計画の行があるように入れた行。
why-weakness = 弱みの機能（{ $function }）の最も優先度の高い改善ポイントとして計画に入れました。

# 計画が示す範囲。
scope = 目標レベルとの差が { $min-gap } 以上の改善ポイントのうち、優先度の高い { $shown } 件を示します。
scope-folded = 残りの { $folded } 件は計画の後にまとめました。
scope-below = 差が { $min-gap } 未満の { $below } 件は省きました（全 { $total } 件は結果データ（JSON）にあります）。

# 要約 (view.rs): 報告書の最初のページ。
# 値と目標レベルの関係。$reached は yes か no。
against-target = { $reached ->
        [yes] （目標レベル { $target } に到達）
       *[no] （目標まであと { $gap }）
    }
verdict = 総合成熟度は { $overall }。{ $reached ->
        [yes] 目標レベル { $target } に届いています。
       *[no] 目標レベル { $target } まであと { $gap } です。
    }
verdict-none = まだ回答がありません。回答が集まると、ここに総合成熟度と目標との差を示します。
# 回答の途中の人、まだ何も回答していない人 ($parts は partial-unfinished と partial-silent をつないだもの)。
partial = 回答者 { $respondents } 人のうち { $parts }未回答の役割は 1 として計算しています。
partial-unfinished = { $count } 人は回答の途中、
partial-silent = { $count } 人はまだ回答していません。
# $moves は moves-in と moves-out をつないだもの (空のこともある)。$roles は実施形態が変わる役割の数。
pattern-change = { $same ->
        [yes] 目標も現在と同じ「{ $current }」で、実施形態の変わる役割はありません。
       *[no] 「{ $current }」から「{ $target }」へ。{ $moves }{ $roles } の役割で実施形態が変わります。
    }
moves-in = 領域 { $areas }を自組織で行うようになり、
moves-out = 領域 { $areas }を専門組織に任せるようになり、
largest-gap = { $role }：最低 { $min }（{ $low }）、最高 { $max }（{ $high }）、差 { $spread }。
counted = { $count } 人（{ $positions }）

# 立場別の比較で ISOG-J の指摘する傾向が見られるか ($result は above、below、even。差が 0.3 未満は even)。
tendency-positions = { $result ->
        [above] 管理職・リーダーの評価（{ $high }）が担当者（{ $low }）より { $diff } 高く、ISOG-J の指摘する傾向（管理職やリーダーは高めに、担当者は低めに採点する）が見られます。
        [below] 担当者の評価（{ $low }）が管理職・リーダー（{ $high }）より { $diff } 高く、ISOG-J の指摘する傾向とは逆です。
       *[even] 管理職・リーダー（{ $high }）と担当者（{ $low }）の評価の差は { $diff } で、立場による目立った傾向は見られません。
    }
tendency-sourcing = { $result ->
        [above] アウトソースの評価（{ $high }）がインソース（{ $low }）より { $diff } 高く、ISOG-J の指摘する傾向（アウトソースしている項目は高めに点がつく）が見られます。
        [below] インソースの評価（{ $low }）がアウトソース（{ $high }）より { $diff } 高く、ISOG-J の指摘する傾向とは逆です。
       *[even] アウトソース（{ $high }）とインソース（{ $low }）の評価の差は { $diff } で、実施形態による目立った傾向は見られません。
    }

# 総合成熟度の整数部が、シートのレベル定義でどの水準か ($insource と $outsource はシートの言葉)。
overall-meaning = 総合 { $overall } はレベル { $level } の水準です。シートの定義では、インソースは「{ $insource }」、アウトソースは「{ $outsource }」にあたります。
# 回答が現在のパターンと逆の実施形態になっている役割の数 (R9)。
mismatch-count = { $count ->
        [0] 回答はすべて、現在のパターンが想定する実施形態で行われています。
       *[other] { $count } の役割で、回答が現在のパターンと逆の実施形態になっています（一覧は「現在のパターンとの不一致」）。
    }
# 機能の表で、インソースやアウトソースの値が総合の値を上回るとき。
side-above-combined = インソースとアウトソースの値はそれぞれの実施形態で回答された役割だけの平均で、成熟度はすべての役割（回答なしは 1）の平均です。そのため一方の値が成熟度を上回ることがあります。

# 回答者が多いとき、認識の差の表は差の大きい順に $shown 件まで。
gaps-more = 差の大きい { $shown } 件を示しました。ほか { $count } 件の役割にも 2 以上の差があります（すべてワークブックと結果データ（JSON）にあります）。
# 立場ごとの欄で、「実施しないと判断」（0）の人数を範囲とは別に示す。
declined-in-cell = （0：{ $count } 人）

# 名前の一覧の残りの人数、立場ごとの人数 (認識の差)。
and-more = 、ほか { $count } 人
people = { $count } 人
# 最も大きい認識の差: 立場ごとの人数と、同じ差のほかの役割。
position-count = { $position } { $count } 人
largest-gap-ties = 差 { $spread } の役割はほかに { $count } 件あります。
# 表示しきれなかったメモの件数 (結果データにはすべてある)。
more-notes = ほか { $count } 件のメモ
# 差 (傾向、目標まであと、計画の差) を丸める前の値から求め、表示した 2 つの値の差と 0.1 ずれるときの注記。
difference-rounding = （差は丸める前の値から求めるため、表示した 2 つの値の差と 0.1 ずれることがあります。）
