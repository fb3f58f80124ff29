# 改善ポイントの理由 (isomm-report, view.rs): 計画の役割ごとに 1 文。
# $side と $from は実施形態の名前 (core.ftl)。$level と $gap は小数 1 桁。

reason = { $side }側は{ $present ->
        [yes] 現状 { $level }
       *[no] 回答なし（1.0 として計算）
    }で、目標レベル { $target } まであと { $gap }。
reason-transition = 目標のパターンでは実施形態が{ $from }から{ $side }に変わります。
# 理由の 2 つの文の間。
then = {""}
