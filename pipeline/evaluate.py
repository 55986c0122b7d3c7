"""``chitieu evaluate``: the database against a folder of one's own gold files, as the project's scorer counts.

The definitions are those of ``shared/eval/score.py`` (the contract's scorer),
restated here so that the installed package needs nothing outside itself;
``tests/test_evaluate.py`` checks that both give the same figures. In short:

- strings compare after NFC, case folding, dashes as `` - ``, spaces collapsed,
  punctuation stripped at both ends, and the tone of ``oa``/``oe``/``uy`` on the
  last vowel; names also expand a few abbreviations (UBND, LĐTBXH...) and pair
  when their difflib ratio is at least 0.9;
- items pair one-to-one within a document, greedily, best tie-break first:
  targets on (value, value_max, unit, year), budgets (not ``item``) on the
  amount, agencies on the name, deadlines on (due, kind);
- precision, recall and F1 are summed over documents first; the headline is
  the mean of the metadata accuracy, rate-target F1, budget F1, agency F1 and
  deadline F1.

The database's records carry a person's corrections (they count as
predictions); ``machine_only`` scores the extractor alone.

>>> norm(" Hoá  đơn – Thủy "), name_norm("Sở LĐTBXH")
('hoá đơn - thuỷ', 'sở lao động thương binh và xã hội')
"""
from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import sqlite_utils

RATE_UNITS = ("%", "/1000", "/100000")
KINDS = ("targets", "budgets", "agencies", "deadlines")
META_FIELDS = ("doc_type", "number", "issuer", "level", "province", "district", "issue_date",
               "is_draft", "period_start", "period_end", "title", "signer", "implements")
_DASH = re.compile(r"[\u2010-\u2015\u2212-]")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SEP = r"\s*[-,&]?\s*"
# The abbreviations official documents use for the bodies most often named, expanded before names compare.
_ABBREVIATIONS = tuple((re.compile(rf"(?<!\w){short}(?!\w)"), full) for short, full in (
    ("ubnd", "ủy ban nhân dân"), (f"lđ{_SEP}tb{_SEP}xh", "lao động - thương binh và xã hội"),
    (f"gd{_SEP}đt", "giáo dục và đào tạo"), (f"vh{_SEP}tt{_SEP}dl", "văn hóa, thể thao và du lịch"),
    (f"tt{_SEP}tt", "thông tin và truyền thông"), ("mttq", "mặt trận tổ quốc"),
    (f"kh{_SEP}đt", "kế hoạch và đầu tư")))


class GoldError(ValueError):
    """A gold folder that cannot be read: named with the file."""


# ------------------------------------------------------------------ comparing values

def _retoned(word: str) -> str:
    """A syllable ending in oa/oe/uy with its one tone mark on the last vowel (hóa -> hoá)."""
    decomposed = unicodedata.normalize("NFD", word)
    marks = [c for c in decomposed if c in _TONE_MARKS]
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if len(marks) == 1 and bare.endswith(("oa", "oe", "uy")):
        return unicodedata.normalize("NFC", bare + marks[0])
    return word


def norm(value) -> str:
    """A string as the scorer compares it (see the module docstring)."""
    text = " ".join(_DASH.sub(" - ", unicodedata.normalize("NFC", str(value)).casefold()).split())
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start])[0] in "PZ":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PZ":
        end -= 1
    return re.sub(r"\w+", lambda m: _retoned(m.group()), text[start:end])


@cache
def name_norm(name: str) -> str:
    """A body's name as the scorer compares it: abbreviations expanded, ``&`` as ``và``, dashes and commas as spaces."""
    text = _DASH.sub("-", unicodedata.normalize("NFC", str(name)).casefold())
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return " ".join(re.sub(r"[-,]", " ", norm(text.replace("&", " và "))).split())


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio (no auto-junk); 0 when its quick upper bounds are already below ``floor``."""
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def same_name(a, b) -> bool:
    return isinstance(a, str) and isinstance(b, str) and similarity(name_norm(a), name_norm(b), 0.9) >= 0.9


def _number_key(value) -> str:
    return "".join(unicodedata.normalize("NFC", str(value)).split()).casefold()


def _code(value) -> str | None:
    return None if value is None else str(value).strip().casefold()


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _equal_numbers(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6))


# ------------------------------------------------------------------ items

def invalid_reason(kind: str, item) -> str | None:
    """Why an item cannot be scored (it then counts as spurious and never pairs), or None."""
    if not isinstance(item, dict):
        return "not an object"
    if kind == "targets":
        for name in ("value", "value_max", "year"):
            if (name == "value" or item.get(name) is not None) and not _is_number(item.get(name)):
                return f"{name} {item.get(name)!r} is not a JSON number"
        if item.get("year") is not None and not float(item["year"]).is_integer():
            return f"year {item['year']!r} is not an integer"
        if item.get("unit") not in (*RATE_UNITS, "count"):
            return f"unit {item.get('unit')!r} is not in the contract"
    elif kind == "budgets" and item.get("kind") != "item" and not (
            _is_number(item.get("amount_vnd")) and float(item["amount_vnd"]).is_integer()):
        return f"amount_vnd {item.get('amount_vnd')!r} is not an integer JSON number"
    elif kind == "agencies" and not (isinstance(item.get("name"), str) and item["name"].strip()):
        return f"name {item.get('name')!r} is not a string"
    elif kind == "deadlines" and not isinstance(item.get("due"), str):
        return f"due {item.get('due')!r} is not a string"
    return None


def _counter(kind: str, item) -> str | None:
    """The counter an item counts in: targets split into rate and count (None: a unit outside both)."""
    if kind != "targets":
        return {"budgets": "budget", "agencies": "agency", "deadlines": "deadline"}[kind]
    unit = item.get("unit") if isinstance(item, dict) else None
    return "rate" if unit in RATE_UNITS else "count" if unit == "count" else None


def _pair_score(kind: str, gold: dict, pred: dict) -> float | None:
    """How well a predicted item answers a gold one (higher is better); None when their keys differ."""
    if kind == "targets":
        if not (_equal_numbers(gold["value"], pred["value"]) and _equal_numbers(gold.get("value_max"), pred.get("value_max"))
                and gold["unit"] == pred["unit"] and _equal_numbers(gold.get("year"), pred.get("year"))):
            return None
        agreeing = sum(_code(gold.get(f)) == _code(pred.get(f)) for f in ("comparator", "kind", "national_code"))
        return agreeing + similarity(norm(gold.get("indicator") or ""), norm(pred.get("indicator") or ""))
    if kind == "budgets":
        return 1.0 if int(gold["amount_vnd"]) == int(pred["amount_vnd"]) else None
    if kind == "agencies":
        score = similarity(name_norm(gold["name"]), name_norm(pred["name"]), 0.9)
        return score if score >= 0.9 else None
    if (gold["due"].strip(), _code(gold.get("kind"))) != (pred["due"].strip(), _code(pred.get("kind"))):
        return None
    return 1.0 + same_name(gold.get("agency"), pred.get("agency"))


def _field_checks(kind: str, gold: dict, pred: dict) -> list[tuple[str, str, bool]]:
    """The secondary fields judged on a pair: (counter, field, right)."""
    if kind == "targets":
        return [(f, f, _code(gold.get(f)) == _code(pred.get(f))) for f in ("comparator", "kind", "national_code")]
    if kind == "agencies":
        return [("role", "role", _code(gold.get("role")) == _code(pred.get("role")))]
    if kind == "deadlines" and gold.get("agency"):
        return [("deadline_agency", "agency", same_name(gold["agency"], pred.get("agency")))]
    return []


def pairs(kind: str, gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index): best score first, then document order."""
    candidates = sorted((-score, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                        if (score := _pair_score(kind, g, p)) is not None)
    taken_gold, taken_pred, chosen = set(), set(), []
    for _, i, j in candidates:
        if i not in taken_gold and j not in taken_pred:
            taken_gold.add(i)
            taken_pred.add(j)
            chosen.append((i, j))
    return chosen


def _line(kind: str, item: dict) -> str:
    """An item in one line for --details: its key fields, then its quote or words."""
    if kind == "targets":
        span = f"{item.get('value')!r}" + (f"-{item.get('value_max')!r}" if item.get("value_max") is not None else "")
        key = f"target {span} {item.get('unit')} year={item.get('year')} {item.get('comparator')} {item.get('kind')}"
    elif kind == "budgets":
        key = f"budget {item.get('amount_vnd')!r} {item.get('kind')}/{item.get('source')}"
    elif kind == "agencies":
        key = f"agency '{item.get('name')}' role={item.get('role')} indicators={item.get('indicators')}"
    else:
        key = f"deadline {item.get('due')!r} {item.get('kind')} agency={item.get('agency')!r}"
    words = next((item.get(k) for k in ("quote", "indicator", "due_text", "task") if item.get(k)), "")
    words = " ".join(str(words).split())
    return key + (f" | {words[:120]}" if words else "")


def _score_kind(kind: str, gold: list[dict], pred: list, counts: Counter, details: list[str]) -> None:
    if kind == "budgets":
        gold = [b for b in gold if b.get("kind") != "item"]
        pred = [b for b in pred if not (isinstance(b, dict) and b.get("kind") == "item")]
    valid = []
    for item in pred:
        reason = invalid_reason(kind, item)
        if reason is None:
            valid.append(item)
        else:
            counts[f"invalid.{kind}"] += 1
            details.append(f"INVALID {_line(kind, item) if isinstance(item, dict) else repr(item)}  ({reason})")
        if counter := _counter(kind, item):
            counts[counter + ".pred"] += 1
    for item in gold:
        counts[_counter(kind, item) + ".gold"] += 1
    paired = pairs(kind, gold, valid)
    for i, j in paired:
        counts[_counter(kind, gold[i]) + ".tp"] += 1
        for counter, name, right in _field_checks(kind, gold[i], valid[j]):
            counts[counter + ".n"] += 1
            counts[counter + ".ok"] += right
            if not right:
                details.append(f"DIFF {_line(kind, gold[i])}  ({name}: gold {gold[i].get(name)!r}, "
                               f"pred {valid[j].get(name)!r})")
    gold_paired, pred_paired = {i for i, _ in paired}, {j for _, j in paired}
    details += [f"MISS {_line(kind, g)}" for i, g in enumerate(gold) if i not in gold_paired]
    details += [f"SPUR {_line(kind, p)}" for j, p in enumerate(valid) if j not in pred_paired]
    if kind == "agencies":
        _score_agency_indicators(gold, valid, paired, counts, details)


def _score_agency_indicators(gold: list[dict], pred: list[dict], paired: list[tuple[int, int]], counts: Counter,
                             details: list[str]) -> None:
    """(agency, indicator code) pairs; a predicted agency takes the name of the gold agency it paired with."""
    gold_name = {j: name_norm(gold[i]["name"]) for i, j in paired}
    wanted = {(name_norm(g["name"]), _code(x)) for g in gold for x in _as_list(g.get("indicators"))}
    given = {(gold_name.get(j) or name_norm(p["name"]), _code(x)) for j, p in enumerate(pred)
             for x in _as_list(p.get("indicators"))}
    counts["ai.gold"], counts["ai.pred"], counts["ai.tp"] = len(wanted), len(given), len(wanted & given)
    details += [f"MISS agency-indicator '{a}' {x}" for a, x in sorted(wanted - given, key=str)]
    details += [f"SPUR agency-indicator '{a}' {x}" for a, x in sorted(given - wanted, key=str)]


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


_ABSENT = object()


def metadata_right(name: str, gold, pred) -> bool:
    """Whether a predicted metadata value is right (``_ABSENT``: the prediction lacks the field).

    >>> metadata_right("number", "22/KH-UBND", "22 /kh-ubnd"), metadata_right("is_draft", False, 0)
    (True, False)
    """
    if pred is _ABSENT:
        return False
    if name == "implements":
        gold_set, pred_set = ({_number_key(x) for x in v} if isinstance(v, list) else set() if v is None else None
                              for v in (gold, pred))
        return gold_set is not None and gold_set == pred_set
    if gold is None or pred is None:
        return gold is None and pred is None
    if isinstance(gold, str) or isinstance(pred, str):
        if not (isinstance(gold, str) and isinstance(pred, str)):
            return False
        if name == "title":
            return similarity(norm(gold), norm(pred), 0.8) >= 0.8
        if name == "number":
            return _number_key(gold) == _number_key(pred)
        return name_norm(gold) == name_norm(pred) if name == "issuer" else norm(gold) == norm(pred)
    if isinstance(gold, bool) or isinstance(pred, bool):
        return gold is pred
    return _is_number(gold) and _is_number(pred) and gold == pred


def score_document(gold: dict, pred: dict | None, details: list[str]) -> Counter:
    """Every count of one gold document against its prediction (None: the database lacks it)."""
    counts: Counter = Counter()
    pred = pred or {}
    gold_meta, pred_meta = (d.get("metadata") if isinstance(d.get("metadata"), dict) else {} for d in (gold, pred))
    for name in (n for n in META_FIELDS if n in gold_meta):
        right = metadata_right(name, gold_meta[name], pred_meta.get(name, _ABSENT))
        counts[f"meta.{name}.n"] += 1
        counts[f"meta.{name}.ok"] += right
        if not right:
            details.append(f"WRONG metadata.{name}: gold {gold_meta[name]!r}, pred {pred_meta.get(name, '<missing>')!r}")
    for kind in KINDS:
        _score_kind(kind, gold.get(kind) or [], pred.get(kind) or [], counts, details)
    return counts


# ------------------------------------------------------------------ figures

def prf(counts: Counter, key: str) -> dict:
    """Precision, recall and F1 of one counter (1.0 each when both sides are empty)."""
    tp, gold, pred = counts[key + ".tp"], counts[key + ".gold"], counts[key + ".pred"]
    p, r = (1.0, 1.0) if gold == pred == 0 else (tp / pred if pred else 0.0, tp / gold if gold else 0.0)
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": gold, "pred": pred, "tp": tp}


def accuracy(counts: Counter, key: str) -> dict:
    n, ok = counts[key + ".n"], counts[key + ".ok"]
    return {"acc": ok / n if n else None, "ok": ok, "n": n}


def figures(counts: Counter) -> dict:
    """The scorer's figures of a counter, the headline included."""
    meta = {name: accuracy(counts, "meta." + name) for name in META_FIELDS}
    known = [m["acc"] for m in meta.values() if m["acc"] is not None]
    out = {"metadata": {"fields": meta, "mean": sum(known) / len(known) if known else None},
           "targets": {"rate": prf(counts, "rate"), "count": prf(counts, "count"),
                       **{f: accuracy(counts, f) for f in ("comparator", "kind", "national_code")}},
           "budgets": prf(counts, "budget"),
           "agencies": {"match": prf(counts, "agency"), "role": accuracy(counts, "role"),
                        "indicator_pairs": prf(counts, "ai")},
           "deadlines": {"match": prf(counts, "deadline"), "agency": accuracy(counts, "deadline_agency")},
           "invalid": {kind: counts["invalid." + kind] for kind in KINDS}}
    parts = [out["metadata"]["mean"] or 0.0, out["targets"]["rate"]["f1"], out["budgets"]["f1"],
             out["agencies"]["match"]["f1"], out["deadlines"]["match"]["f1"]]
    out["headline"] = round(sum(parts) / len(parts), 3)
    return out


# ------------------------------------------------------------------ running it

@dataclass
class Evaluation:
    """The figures over all gold documents, and each document's own with its misses."""

    total: dict
    documents: list[dict] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)  # stored documents without gold

    def lines(self, details: bool = False) -> list[str]:
        """The figures as the scorer prints them, one row per field (``details``: each document's misses)."""
        t, ag, dl = self.total["targets"], self.total["agencies"], self.total["deadlines"]
        rows = [("metadata", name, a) for name, a in self.total["metadata"]["fields"].items()] + [
            ("metadata", "mean", {"acc": self.total["metadata"]["mean"]}), ("targets", "rate", t["rate"]),
            ("targets", "count", t["count"]), *[("targets", f, t[f]) for f in ("comparator", "kind", "national_code")],
            ("budgets", "amount", self.total["budgets"]), ("agencies", "name", ag["match"]),
            ("agencies", "role", ag["role"]), ("agencies", "agency-indicator", ag["indicator_pairs"]),
            ("deadlines", "due+kind", dl["match"]), ("deadlines", "agency", dl["agency"])]
        paired = sum(1 for d in self.documents if d["stored"])
        out = [f"documents: gold {len(self.documents)}, paired {paired}, without prediction "
               f"{len(self.documents) - paired}, predictions without gold {len(self.unscored)}"]
        out += [_row(*row) for row in rows]
        out.append("invalid predicted items: " + ", ".join(f"{k} {v}" for k, v in self.total["invalid"].items()))
        out.append("per document (meta: mean accuracy; others: F1)")
        for doc in self.documents:
            x = doc["figures"]
            meta = "    -" if x["metadata"]["mean"] is None else f"{x['metadata']['mean']:.3f}"
            out.append(f"  {doc['source']:<26} meta {meta}  rate {x['targets']['rate']['f1']:.3f}"
                       f"  count {x['targets']['count']['f1']:.3f}  budget {x['budgets']['f1']:.3f}"
                       f"  agency {x['agencies']['match']['f1']:.3f}  deadline {x['deadlines']['match']['f1']:.3f}"
                       + ("" if doc["stored"] else "  (not in the database)"))
            out += [f"      {line}" for line in doc["details"]] if details else []
        out.append(f"HEADLINE {self.total['headline']:.3f}")
        return out


def _row(section: str, name: str, m: dict) -> str:
    if "acc" in m:
        shown = "    -" if m["acc"] is None else f"{m['acc']:.3f}"
        return f"{section:<10} {name:<17} acc {shown}" + (f"  ({m['ok']}/{m['n']})" if "n" in m else "")
    return (f"{section:<10} {name:<17} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}"
            f"  (gold {m['gold']}, pred {m['pred']}, tp {m['tp']})")


def load_gold(folder: Path) -> list[dict]:
    """The gold documents of ``folder`` (``*.json`` with a ``source``), invalid items dropped; GoldError if none."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such folder")
    documents = []
    for path in sorted(folder.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GoldError(f"cannot read {path}: {exc}") from exc
        if isinstance(gold, dict) and isinstance(gold.get("source"), str):
            for kind in KINDS:
                if not isinstance(gold.get(kind) or [], list):
                    raise GoldError(f"{path}: {kind!r} must be a list")
                gold[kind] = [item for item in gold.get(kind) or [] if invalid_reason(kind, item) is None]
            documents.append(gold)
    if not documents:
        raise GoldError(f"no gold files (*.json with a \"source\") in {folder}")
    return documents


def _base_name(source: str) -> str:
    return re.split(r"[\\/]", source.strip())[-1]


def evaluate(db: sqlite_utils.Database, gold_folder: Path, machine_only: bool = False) -> Evaluation:
    """Score every stored document that has a gold file in ``gold_folder`` (by the source's base name)."""
    from chitieu.pipeline.export import document_records

    predictions: dict[str, dict] = {}
    for record in document_records(db, machine_only):
        predictions.setdefault(_base_name(record["source"]), record)
    total: Counter = Counter()
    evaluation = Evaluation(total={})
    for gold in load_gold(gold_folder):
        pred = predictions.get(_base_name(gold["source"]))
        details = [] if pred else ["MISSING no prediction for this document"]
        counts = score_document(gold, pred, details)
        total += counts
        evaluation.documents.append({"source": gold["source"], "stored": pred is not None,
                                     "figures": figures(counts), "details": details})
    evaluation.total = figures(total)
    gold_names = {_base_name(d["source"]) for d in evaluation.documents}
    evaluation.unscored = sorted(set(predictions) - gold_names)
    return evaluation
