"""The events page: each linked event with its canonical values and their support, conflicts, and its
sources side by side. One self-contained HTML file (no scripts, no external resources)."""

from __future__ import annotations

from html import escape

from extractor.corpus.linking import Event, Supported
from extractor.schemas.record import ConferenceRecord

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d232a;background:#f6f7f9}
h1{font-size:22px;margin:0 0 4px} .lede{color:#5b6470;margin:0 0 20px}
.event{background:#fff;border:1px solid #d9dee5;border-radius:8px;margin:0 0 22px;padding:14px 16px}
.event h2{font-size:17px;margin:0 0 8px} .event h2 .id{color:#8a93a0;font-weight:normal;margin-right:6px}
table.canon{border-collapse:collapse;margin:0 0 8px} .canon td,.canon th{padding:3px 10px 3px 0;text-align:left;
vertical-align:top} .canon th{color:#5b6470;font-weight:600;white-space:nowrap}
.sup{display:inline-block;font-size:11px;padding:0 6px;border-radius:9px;background:#e3f1e6;color:#1e6b34;
margin-left:4px}
.sup.part{background:#fff1d6;color:#8a5a00} .alt{color:#8a5a00;font-size:12px}
.conflicts{background:#fff8e6;border-left:3px solid #e0a400;padding:6px 10px;margin:8px 0;font-size:13px}
.conflicts ul{margin:2px 0 0 18px;padding:0}
.sources{display:grid;gap:10px;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));margin-top:10px}
.src{border:1px solid #e3e7ec;border-radius:6px;padding:8px 10px;background:#fbfcfd;font-size:13px;min-width:0}
.src h3{font-size:13px;margin:0 0 6px;overflow-wrap:anywhere} .lang{display:inline-block;background:#1d4e89;color:#fff;
border-radius:4px;padding:0 5px;margin-right:5px;font-size:11px;text-transform:uppercase}
.src dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:1px 8px} .src dt{color:#5b6470}
.src dd{margin:0;overflow-wrap:anywhere} .excerpt{margin-top:6px;color:#3a424c;font-size:12px;
border-top:1px dashed #d9dee5;padding-top:5px;overflow-wrap:anywhere}
"""


def _support(value: Supported) -> str:
    css = "sup" if value.support == value.of else "sup part"
    return f'<span class="{css}">{value.support}/{value.of}</span>'


def _canonical_rows(event: Event) -> str:
    rows = []
    for vote in event.fields:
        first = vote.values[0]
        others = "".join(f'<div class="alt">also: {escape(str(v.value))} {_support(v)}</div>' for v in vote.values[1:])
        value = f"{escape(str(first.value))} {_support(first)}{others}"
        rows.append(f"<tr><th>{escape(vote.name)}</th><td>{value}</td></tr>")
    of = len(event.sources)
    people = ", ".join(
        f"{escape(p.name)} ({'chair' if p.chair_in else 'participant'}) "
        f'<span class="{"sup" if len(p.chair_in) + len(p.participant_in) == of else "sup part"}">'
        f"{len(p.chair_in) + len(p.participant_in)}/{of}</span>"
        for p in event.people
    )
    rows.append(f"<tr><th>people</th><td>{people or '—'}</td></tr>")
    for name, values in (("documents", event.documents), ("figures", event.figures)):
        cells = ", ".join(f"{escape(_plain(v.value))} {_support(v)}" for v in values)
        rows.append(f"<tr><th>{name}</th><td>{cells or '—'}</td></tr>")
    return '<table class="canon">' + "".join(rows) + "</table>"


def _plain(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _source_card(label: str, language: str, record: ConferenceRecord, text: str) -> str:
    date = record.date
    when = "-".join(f"{p:02d}" for p in (date.year, date.month, date.day) if p) if date else "—"
    items = [
        ("date", when), ("organizer", record.organizer.name if record.organizer else "—"),
        ("chairs", ", ".join(p.name for p in record.chairs) or "—"),
        ("participants", ", ".join(p.name for p in record.participants) or "—"),
        ("documents", ", ".join(d.number or d.kind for d in record.documents) or "—"),
        ("figures", ", ".join(_plain(f.value) + (f" {f.unit}" if f.unit else "") for f in record.figures) or "—"),
    ]  # fmt: skip
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    excerpt = escape(text[:320] + ("…" if len(text) > 320 else ""))
    lang = escape(language)
    return (f'<div class="src"><h3><span class="lang">{lang}</span>{escape(label)}</h3>'
            f'<dl>{details}</dl><div class="excerpt" lang="{lang}" dir="auto">{excerpt}</div></div>')  # fmt: skip


def event_section(event: Event, texts: dict[int, str]) -> str:
    head = event.fields[0].values[0].value if event.fields else ""
    organizer = next((v.values[0].value for v in event.fields if v.name == "organizer"), "")
    conflicts = ""
    if event.conflicts:
        conflicts = ('<div class="conflicts"><strong>Conflicts</strong><ul>'
                     + "".join(f"<li>{escape(c)}</li>" for c in event.conflicts) + "</ul></div>")  # fmt: skip
    cards = "".join(_source_card(s.label, s.language, s.record, texts.get(s.record_id, "")) for s in event.sources)
    return (f'<section class="event" id="{event.id}"><h2><span class="id">{event.id}</span>{escape(str(head))} · '
            f"{escape(str(organizer))} · {len(event.sources)} source(s)</h2>{_canonical_rows(event)}{conflicts}"
            f'<div class="sources">{cards}</div></section>')  # fmt: skip


def events_page(events: list[Event], texts: dict[int, str], title: str = "Linked events", lede: str = "") -> str:
    sections = "".join(event_section(event, texts) for event in events)
    sources = sum(len(event.sources) for event in events)
    lede = lede or f"{len(events)} event(s) from {sources} source record(s)."
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1><p class=\"lede\">{escape(lede)}</p>"
            f"{sections}</body></html>\n")  # fmt: skip
