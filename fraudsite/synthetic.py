"""Synthetic cases for the benchmark and the scale test.

Each case is created through fraudsite.newcase (the contributors' path), then
given a random county, types, past date, loss and suspects, and realistic page
text: about 600 characters in Chinese, about 400 words in English, each with a
Markdown table. The text holds no digits, so it can never equal a data figure.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import yaml

from . import newcase

ZH_SENTENCES = [
    "受害人在社交软件上认识了一名自称做生意的网友，对方每天嘘寒问暖，很快取得了信任。",
    "对方发来一个陌生链接，让受害人下载所谓的投资软件，先小额投入试一试。",
    "头几次投入都能顺利提现，受害人因此放松了警惕，陆续加大了投入。",
    "等到想要提现时，平台却提示账户异常，要求先缴纳保证金和手续费。",
    "受害人按要求转账后，对方又以税费、解冻费等名目继续索要钱财。",
    "直到对方删除好友、平台无法登录，受害人才意识到自己被骗，随即报警。",
    "接警后，县公安局立即成立专案组，调取资金流水，追查涉案账户的去向。",
    "民警发现，骗来的钱经过多层账户转移，再由专人在外地取现。",
    "专案组远赴外省，在当地警方配合下实施抓捕，缴获手机、银行卡等作案工具。",
    "经审查，几名嫌疑人对出租出售银行卡、帮助转移赃款的事实供认不讳。",
    "警方提醒：凡是要求下载陌生软件、向个人账户转账的投资，都是诈骗。",
    "出租、出借、出售自己的银行卡和电话卡，就是在帮骗子转钱，同样要承担法律责任。",
]
ZH_TABLE = ("| 环节 | 骗子的说法 | 真相 |\n| --- | --- | --- |\n"
            "| 接触 | 交个朋友、带你赚钱 | 精心设计的剧本 |\n"
            "| 投入 | 稳赚不赔、随时提现 | 小额返利只是诱饵 |\n"
            "| 收网 | 缴纳保证金才能解冻 | 钱一转出就追不回 |\n")
EN_SENTENCES = [
    "The victim met someone on a social app who claimed to run a successful trading business and chatted with her every day.",
    "After some weeks of friendly messages, the contact suggested a way to earn extra money with very little effort.",
    "He sent a link to an investment app that looked professional, with charts, customer service and a smart logo.",
    "The first small deposits seemed to grow quickly, and the victim was even allowed to withdraw a little profit.",
    "Encouraged by this, she moved more and more of her savings into the account over the following days.",
    "When she tried to withdraw the balance, the app said her account was frozen and asked for a deposit to unlock it.",
    "Each payment was followed by a new demand: a tax, a fee for a late transfer, or a charge to verify her identity.",
    "Only when the contact blocked her and the app stopped loading did she realise it had all been a scam, and she called the police.",
    "Detectives traced the money through several layers of bank accounts that had been rented or bought from their owners.",
    "The trail led to people in another province who withdrew cash and moved funds for the gang in return for a small fee.",
    "With the help of local police, officers travelled there, made the arrests and seized phones, bank cards and records.",
    "The suspects admitted renting out their cards and helping to move the stolen money, and the investigation continues.",
    "Police remind everyone that any investment which asks you to install an unknown app or pay into a personal account is a scam.",
    "Renting, lending or selling your bank or phone cards helps criminals move stolen money, and it is a crime in itself.",
]
EN_TABLE = ("| Stage | What the scammer says | What is really happening |\n| --- | --- | --- |\n"
            "| Contact | Let us be friends, I can help you earn | A script written to win your trust |\n"
            "| Investment | No risk, withdraw any time | Small payouts are bait |\n"
            "| The sting | Pay a deposit to unfreeze your money | Money sent is gone |\n")


def _paragraphs(rng: random.Random, sentences: list[str], target: int, measure) -> list[str]:
    out, text = [], ""
    while measure(text) < target:
        paragraph = " ".join(rng.sample(sentences, 4)) if measure is _words else "".join(rng.sample(sentences, 4))
        out.append(paragraph)
        text += paragraph
    return out


def _words(text: str) -> int:
    return len(text.split())


def zh_page(rng: random.Random, title: str) -> str:
    body = _paragraphs(rng, ZH_SENTENCES, 600, len)
    return (f"---\ndescription: {json.dumps(title + '：一起电信网络诈骗案的经过与教训。', ensure_ascii=False)}\n---\n# {title}\n\n{body[0]}\n\n"
            f"## 基本信息\n\n{{{{ case-facts }}}}\n\n## 经过\n\n" + "\n\n".join(body[1:]) +
            f"\n\n{ZH_TABLE}\n## 教训\n\n- 不要向陌生人转账。详见[防范提示](../tips.md)。\n\n[返回案例列表](index.md)\n")


def en_page(rng: random.Random, title: str) -> str:
    body = _paragraphs(rng, EN_SENTENCES, 400, _words)
    return (f"---\ndescription: {json.dumps(title + ': how a telecom fraud unfolded and what to learn from it.')}\n---\n"
            f"# {title}\n\n"
            f"{body[0]}\n\n## Facts\n\n{{{{ case-facts }}}}\n\n## How it happened\n\n" + "\n\n".join(body[1:]) +
            f"\n\n{EN_TABLE}\n## Lessons\n\n- Never send money to strangers. See [Prevention tips](../tips.md).\n\n"
            "[Back to the list of cases](index.md)\n")


def _random_date(rng: random.Random) -> dt.date:
    start, end = dt.date(2016, 1, 1), dt.date.today() - dt.timedelta(days=1)
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def make_case(root: Path, index: int, rng: random.Random, catalogue: dict, document: str | None = None) -> str:
    """Create one synthetic case under ``root`` through newcase, citing ``document`` (by default the first of
    data/sources.yml: a case's source is a document id); return its slug."""
    document = document or first_document(root)
    county = rng.choice(list(catalogue["counties"]))
    types = rng.sample(list(catalogue["scam_types"]), rng.choice([1, 1, 2]))
    date = _random_date(rng)
    slug = f"{date.year}-{county}-synthetic-{index}"
    data_path, zh_path, en_path = newcase.create_case(root, slug, county, types[0], date)
    data = yaml.safe_load(data_path.read_text(encoding="utf-8"))
    county_names = catalogue["counties"][county]
    data["title"] = {"zh": f"{county_names['zh']}{catalogue['scam_types'][types[0]]['zh']}案",
                     "en": f"A {catalogue['scam_types'][types[0]]['en'].lower()} case in {county_names['en']}"}
    data.update(types=types, status=rng.choice(list(catalogue["case_statuses"])), source=document,
                summary={"zh": rng.choice(ZH_SENTENCES), "en": rng.choice(EN_SENTENCES)})
    data["facts"] = {"loss": {"value": rng.randrange(1000, 3_000_000)},
                     "suspects_arrested": {"value": rng.randrange(0, 20)}}
    data_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    zh_path.write_text(zh_page(rng, data["title"]["zh"]), encoding="utf-8")
    en_path.write_text(en_page(rng, data["title"]["en"]), encoding="utf-8")
    return slug


def make_cases(root: Path, count: int, seed: int = 1) -> list[str]:
    """``count`` synthetic cases (one page per language each) under ``root``."""
    rng = random.Random(seed)
    catalogue = newcase.load_catalogue(root)
    document = first_document(root)
    return [make_case(root, index, rng, catalogue, document) for index in range(count)]


def first_document(root: Path) -> str:
    sources = yaml.safe_load((root / "data" / "sources.yml").read_text(encoding="utf-8"))
    return sources["sources"][0]["id"]
