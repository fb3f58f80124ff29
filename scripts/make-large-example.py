#!/usr/bin/env python3
"""Writes examples/large-soc-30-respondents.toml: a 30-respondent assessment of a group SOC, made
from a fixed seed so that the file is the same on every run.

It shows what the seed warns about in a team's answers: managers and leaders score higher than
staff; outsourced roles score higher than in-house ones; a few roles split the team (perception
gaps); some roles were decided against (0); one respondent is part way through; notes explain.
"""
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
catalog = json.loads((ROOT / "crates/isomm-core/data/isomm-2.1.json").read_text())
rng = random.Random(20261127)

# Current pattern hybrid: areas I and II in-house, III and IV outsourced (default areas).
INSOURCED_NOW = {"I", "II"}
roles = [(r["id"], r["default_area"], f["id"]) for f in catalog["functions"] for r in f["roles"]]

# How mature each function is in this organisation (its own spread): strong at A and D, weak at
# F and H; the outsourced monitoring (B, E) is rated through the provider.
BASE = {"A": 3.4, "B": 3.0, "C": 2.4, "D": 3.3, "E": 2.9, "F": 1.9, "G": 2.8, "H": 1.8, "I": 2.6}
BIAS = {"manager": 0.6, "leader": 0.3, "staff": -0.4, "other": 0.0}
# Roles the team splits on (a wide perception gap), and roles it decided not to do in-house.
SPLIT = {"C-2", "E-2", "G-8", "H-3", "I-4"}
DECLINED = {"H-1", "F-4"}
# Outsourced roles that the target brings in-house, which some have already decided not to do
# in-house (0): the plan must read this as a decision, not as a missing answer.
DECLINED_IN_HOUSE = {"E-4", "E-6"}

NOTES = {
    "B-1": ["MSSP の 24 時間監視。月次レポートは受け取っているが中身の確認が追いついていない",
            "検知ルールのチューニング依頼は四半期に一度"],
    "C-2": ["フォレンジックは年 1 回の訓練のみ。実案件は外部ベンダーに依頼する想定",
            "IR ベンダーとリテイナー契約あり"],
    "D-1": ["インシデント対応手順書は 2025 年に改訂、CISO 承認済み"],
    "E-2": ["資産台帳は情報システム部が管理。クラウド資産が漏れている"],
    "F-1": ["脅威情報は ISAC のメールを読んでいる程度"],
    "G-8": ["EDR 入れ替えの検証を今期実施中"],
    "H-3": ["内部不正の検知ルールはあるが誤検知が多く、運用が止まっている"],
    "I-4": ["セキュリティ人材の採用は人事部任せ。育成計画はない",
            "資格取得支援制度あり（年 2 名）"],
}

people = (
    [("manager", n) for n in ["山田 浩二", "高木 美穂", "坂本 誠"]]
    + [("leader", n) for n in ["伊藤 真一", "小川 彩", "森 健太郎", "石井 由美", "藤田 亮", "岡本 早苗"]]
    + [("staff", n) for n in [
        "青木 翔", "上田 葵", "遠藤 大輝", "大野 結衣", "加藤 蓮", "木村 陽菜", "工藤 悠真",
        "小松 美咲", "斉藤 颯太", "清水 凛", "菅原 湊", "高橋 莉子", "田村 樹", "中島 結菜",
        "西村 陸", "野口 咲良", "原田 蒼", "福田 心春"]]
    + [("other", n) for n in ["三浦 隆（内部監査）", "村上 由紀（情報システム）", "吉川 拓（リスク管理）"]]
)
assert len(people) == 30

def clamp(x):
    return max(1, min(5, round(x)))

lines = [
    "# isomm example: a group SOC of about 30 people working with an MSSP, assessed by everyone.",
    "# Made by scripts/make-large-example.py (fixed seed). Managers and leaders score higher than staff,",
    "# outsourced roles higher than in-house ones; a few roles split the team; one sheet is part way.",
    "",
    'format = "isomm-answers/1"',
    'model = "isomm-2.1"',
    'organization = "東邦ホールディングス グループ SOC"',
    'title = "2026年度 全員参加 ISOMM セルフチェック"',
    'date = "2026-11-27"',
    'current_pattern = "hybrid"',
    'target_pattern = "minimum-outsource"',
    "target_level = 4",
]
for k, (position, name) in enumerate(people):
    lines += ["", "[[respondents]]", f'name = "{name}"', f'position = "{position}"', "",
              "[respondents.answers]"]
    # The last staff member is part way through: the last three functions are unanswered.
    part_way = name == "福田 心春"
    for role, area, function in roles:
        if part_way and function in "GHI":
            continue
        level = BASE[function] + BIAS[position] + rng.gauss(0, 0.5)
        if role in SPLIT:
            level += 1.6 if position in ("manager", "leader") else -1.2
        fields = []
        if area in INSOURCED_NOW:
            if role in DECLINED and rng.random() < 0.7:
                fields.append("insource = 0")
            else:
                fields.append(f"insource = {clamp(level)}")
        else:
            # Outsourced now: rated through the provider's service, and higher (the seed's
            # tendency); some also do a part in-house.
            fields.append(f"outsource = {clamp(level + 0.7)}")
            if role in DECLINED_IN_HOUSE:
                if rng.random() < 0.4:
                    fields.insert(0, "insource = 0")
            elif rng.random() < 0.15:
                fields.insert(0, f"insource = {clamp(level - 0.8)}")
        notes = NOTES.get(role, [])
        if notes and rng.random() < 0.25:
            fields.append("note = " + json.dumps(rng.choice(notes), ensure_ascii=False))
        lines.append(f'"{role}" = {{ {", ".join(fields)} }}')

out = ROOT / "examples/large-soc-30-respondents.toml"
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {out.relative_to(ROOT)}")
