"""One post's caption for the basic engine: a framework's moves, filled from the sentence tables.

``PostWriter`` takes each move of the chosen framework from the language's tables
(``basic_captions_en/id/tr``), fills it with the brief's facts and the industry's words, adds
the pillar's own lines, a call to action and a few emoji, and never says the same fact twice.
It draws every phrase from the batch's ``Deck``; ``basic_captions`` runs it once per brief.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from postloom.integrations.ai import (
    basic_captions_en,
    basic_captions_id,
    basic_captions_tr,
)
from postloom.integrations.ai.basic_captions_choice import (
    EMOJI_BUDGET,
    EXCLAIMING,
    City,
    Deck,
    choose_framework,
    fields_of,
    find_city,
    stable_int,
)
from postloom.integrations.ai.basic_captions_industry import words_for
from postloom.integrations.ai.basic_captions_occasions import (
    Occasion,
    find_occasion,
    occasion_name,
)
from postloom.integrations.ai.basic_captions_tags import (
    CTA_EMOJI,
    hashtags,
    image_prompt,
    opener_emoji,
)
from postloom.integrations.ai.basic_phrases import WORDS, capitalise, join
from postloom.integrations.ai.basic_signals import Trait
from postloom.integrations.ai.captions_base import (
    ALT_TEXT_LIMIT,
    HEADLINE_LIMIT,
    BrandVoice,
    Caption,
    Pillar,
    PostBrief,
    PostType,
)
from postloom.integrations.ai.facts import ReplyLanguage, fit, reply_language

TABLES = {"en": basic_captions_en, "id": basic_captions_id, "tr": basic_captions_tr}

FRAMEWORK_MOVES: dict[str, tuple[str, ...]] = {
    "aida": ("open", "aida.interest", "aida.desire"),
    "pas": ("pas.problem", "pas.agitate", "pas.solution"),
    "fab": ("open", "fab.feature", "fab.advantage", "fab.benefit"),
    "bab": ("bab.before", "bab.after", "bab.bridge"),
    "4u": ("4u.urgent", "4u.useful", "4u.specific"),
    "storytelling": ("story.scene", "story.turn", "story.payoff"),
    "question": ("question.ask", "question.context"),
    "listicle": ("list",),
}
# How many of a framework's moves a format has room for.
MOVES_BY_TYPE: dict[PostType, int] = {
    "feed_image": 4, "carousel": 4, "tiktok_photo": 4, "reel": 2, "tiktok_video": 2, "story": 1,
}  # fmt: skip
PILLAR_CTAS: dict[Pillar, tuple[str, ...]] = {
    "product_spotlight": ("order", "visit", "dm"),
    "behind_the_scenes": ("follow", "visit"),
    "tips": ("save", "share"),
    "social_proof": ("tag", "review"),
    "promotion": ("order", "dm"),
    "question": ("comment",),
    "local_occasion": ("visit", "share", "follow"),
}
# Facts a caption says once: a second sentence with the same detail reads like filler.
REPEATABLE_NOT = frozenset(
    {"detail", "pain", "outcome", "moment", "angles", "angle", "price", "tip", "topic", "place",
     "team"}
)  # fmt: skip
LIST_ITEMS = 3
# Businesses whose customers book a time rather than order a thing.
SERVICES = frozenset(
    {"beauty", "health", "fitness", "home_services", "education", "hospitality_travel",
     "professional_services", "automotive"}
)  # fmt: skip
TIP_PAYOFFS = frozenset({"pas.solution", "bab.bridge", "4u.specific"})


@dataclass
class PostWriter:
    """Writes one post's caption; shares the batch's deck with the others."""

    brand: BrandVoice
    brief: PostBrief
    trait: Trait
    deck: Deck
    index: int
    attempt: int = 0

    def __post_init__(self) -> None:
        self.language: ReplyLanguage = reply_language(self.brief.language)
        self.table = TABLES[self.language]
        self.salt = f"{self.index}|{self.attempt}|{self.brief}"
        self.city: City | None = find_city(self.brand, self.language)
        self.occasion: Occasion | None = find_occasion(self.brief.occasion)
        self.values = self._values()
        self.used: set[str] = set()  # fields already said in this caption

    # --- The caption ---------------------------------------------------------------------

    def caption(self) -> Caption:
        if self.occasion is not None and self.occasion.mood == "solemn":
            return self._solemn()
        framework = choose_framework(self.brief, self.trait, self.deck, self.salt, self._has_list())
        opening = self._opening(framework)
        body = self._body(framework)
        cta_kind = self._cta_kind(framework)
        cta = self._sentence(f"cta.{cta_kind}") or self._sentence("cta.comment")
        closing = [self._sentence(f"type.{self.brief.post_type}", optional=True), cta]
        paragraphs = self._with_emoji(opening, body, [line for line in closing if line], cta_kind)
        paragraphs.append(self._signoff())
        return self._finished(paragraphs, cta, framework)

    def _solemn(self) -> Caption:
        # A day of remembrance: the words of the day and the business's name; nothing to sell,
        # no emoji, no call to action, no persona.
        self.trait = "calm" if self.trait in EXCLAIMING else self.trait  # no "!" either
        paragraphs = [self._occasion_line("greeting"), self._occasion_line("wishes"),
                      f"— {self.values['brand']}"]  # fmt: skip
        return self._finished(paragraphs, "", "other")

    def _finished(self, paragraphs: list[str], cta: str, framework: str) -> Caption:
        headline = self._headline()
        return Caption(
            caption="\n\n".join(p for p in paragraphs if p),
            hashtags=hashtags(
                self.brand,
                self.brief,
                self.language,
                self.city,
                self.occasion,
                self.deck,
                self.salt,
            ),  # fmt: skip
            alt_text=self._alt_text(headline),
            headline=headline,
            image_prompt=image_prompt(self.brief, self.brand.industry, self.trait, self.occasion),
            call_to_action=cta,
            framework=framework,
        )

    def _opening(self, framework: str) -> list[str]:
        lines = []
        if self._persona_opens():
            lines.append(self._sentence("persona.intro"))
        if self.occasion is not None:
            lines.append(self._occasion_line("greeting"))
        moves = FRAMEWORK_MOVES[framework]
        if moves[0] != "list":
            lines.append(self._move(moves[0]))
        return [line for line in lines if line]

    def _body(self, framework: str) -> list[str]:
        room = MOVES_BY_TYPE[self.brief.post_type]
        moves = FRAMEWORK_MOVES[framework]
        lines = [self._sentence("topic", optional=True)] if self.brief.topic else []
        if moves[0] == "list":
            lines += self._list(room)
        elif room == 2:
            lines.append(self._move(moves[-1]))  # short formats: the opening and the payoff
        else:
            lines += [self._move(move) for move in moves[1:room]]
        if room > 1:
            lines += self._pillar_lines(framework)
        elif self.attempt:  # a story that read like an earlier one gets one more line
            lines.append(self._sentence(f"core.{self.brief.pillar}", optional=True))
        return [line for line in lines if line]

    def _pillar_lines(self, framework: str) -> list[str]:
        lines = []
        if self.occasion is not None and self.brief.pillar == "local_occasion":
            lines.append(self._occasion_line("wishes"))
        if self.brief.pillar == "question" and framework != "question":
            lines.append(self._sentence("question.ask"))  # the pillar is the question
        lines.append(self._sentence(f"core.{self.brief.pillar}", optional=True))
        if self.brief.product and self.brief.pillar in ("product_spotlight", "promotion"):
            if not self.used & {"item", "Item"}:
                lines.append(self._sentence("name"))
            if "angles" not in self.used and "Angles" not in self.used:
                lines.append(self._sentence("angles", optional=True))
            if "price" not in self.used:
                lines.append(self._sentence("price", optional=True))
        return lines

    def _list(self, room: int) -> list[str]:
        count = min(LIST_ITEMS, max(room - 1, 2))
        if self.brief.pillar == "tips":
            intro = self._sentence("list.intro")
            tips = self._tips(count)
            items = [f"{n}. {tip}" for n, tip in enumerate(tips, start=1)]
            self.used.update({"tip", "Tip"})
        else:
            intro = self._sentence("list.intro_angles")
            angles = list(self.brief.product.highlights if self.brief.product else ())
            items = [f"• {capitalise(angle, self.language)}" for angle in angles[:count]]
            self.used.update({"angles", "Angles"})
        outro = self._sentence("list.outro", optional=True) if room > 2 else ""
        # The list stands on its own lines; what follows it starts a new paragraph.
        return ["\n\n" + "\n".join([intro, *items]) + "\n\n", outro]

    def _tips(self, count: int) -> list[str]:
        tips = list(words_for(self.brand.industry, self.language).tips)
        picked: list[str] = []
        while tips and len(picked) < count:
            tip = self.deck.take(f"{self.language}:tip", tips, self.salt, self.attempt)
            picked.append(tip)
            tips.remove(tip)
        return picked

    def _move(self, move: str) -> str:
        if move == "open":
            return self._sentence(f"open.{self.brief.pillar}")
        if self.brief.pillar == "tips" and move in TIP_PAYOFFS:
            return self._sentence("core.tips")  # in a tips post, the answer is the tip
        return self._sentence(move)

    def _cta_kind(self, framework: str) -> str:
        if self.brief.post_type == "story":
            return "reply"
        if framework == "question" or self.brief.pillar == "question":
            return "comment"
        kinds = PILLAR_CTAS[self.brief.pillar]
        if self.brand.industry in SERVICES:  # a salon is booked, not ordered
            kinds = tuple("book" if kind == "order" else kind for kind in kinds)
        slot = f"{self.language}:cta-kind:{self.brief.pillar}"
        return self.deck.take(slot, kinds, self.salt, self.attempt)

    def _signoff(self) -> str:
        if not self._persona() or self._persona_opens():
            return ""
        return self._sentence("persona.signoff", optional=True)

    # --- Sentences ---------------------------------------------------------------------

    def _sentence(self, slot: str, optional: bool = False) -> str:
        """The least used sentence of ``slot`` that this post can fill; "" when none can.
        Sentences that would repeat something this caption already said come last."""
        options = [t for t in self.table.SLOTS.get(slot, ()) if self._fillable(t)]
        fresh = [t for t in options if not self._repeats(t)]
        options = fresh or ([] if optional else options)
        if self.brief.product and not self.used & {"item", "Item"}:
            # A post about a product names it early: sentences that do come first.
            options = [t for t in options if fields_of(t) & {"item", "Item"}] or options
        if not options:
            return "" if optional else self._fallback(slot)
        template = self.deck.take(f"{self.language}:{slot}", options, self.salt, self.attempt)
        return self._fill(template)

    def _fallback(self, slot: str) -> str:
        # A move no sentence of which this post can fill (no product facts at all): the
        # pillar's opener says something true instead.
        if slot.startswith("open."):
            return ""
        return self._sentence(f"open.{self.brief.pillar}", optional=True)

    def _repeats(self, template: str) -> bool:
        said = {name.lower() for name in self.used} & REPEATABLE_NOT
        return any(name.lower() in said for name in fields_of(template))

    def _fillable(self, template: str) -> bool:
        return fields_of(template) <= self.values.keys()

    def _fill(self, template: str) -> str:
        if self.trait not in EXCLAIMING:
            template = template.replace("!", ".")
        names = fields_of(template)
        self.used.update(names)
        if names & {"tip", "Tip"}:  # the tip is said now: the next post gets another one
            self.deck.used[f"{self.language}:tip", self.values["tip"]] += 1
        return template.format_map(self.values)

    def _occasion_line(self, kind: str) -> str:
        assert self.occasion is not None
        lines = getattr(self.occasion, kind)[self.language]
        options = [t for t in lines if self._fillable(t)]
        if not options:
            return ""
        template = self.deck.take(f"{self.language}:occasion.{kind}", options, self.salt)
        return self._fill(template)

    # --- Emoji, moderately -------------------------------------------------------------

    def _with_emoji(
        self, opening: list[str], body: list[str], closing: list[str], cta_kind: str
    ) -> list[str]:
        budget = EMOJI_BUDGET[self.trait]
        if self.brief.post_type == "story":
            budget = min(budget, 2)
        spots: list[tuple[list[str], str]] = []
        pool = opener_emoji(self.brand.industry, self.brief.pillar, self.occasion)
        if pool and opening:
            spots.append((opening, self.deck.take(f"emoji:{self.brief.pillar}", pool, self.salt)))
        if closing:
            spots.append((closing, CTA_EMOJI.get(cta_kind, "")))
        if body and len(pool) > 1:
            spots.append((body, self.deck.take(f"emoji:{self.brief.pillar}", pool, self.salt)))
        if self.trait in ("professional", "calm"):
            spots.reverse()  # one emoji at most: the call to action's reads calmest
        for lines, emoji in spots[:budget]:
            if emoji and lines and lines[-1] and "\n" not in lines[-1]:
                lines[-1] = f"{lines[-1]} {emoji}"
        return [" ".join(opening), _paragraphs(body), " ".join(closing)]

    # --- Headline and alt text ---------------------------------------------------------

    def _headline(self) -> str:
        if self.brief.topic and len(self.values["Topic"]) <= HEADLINE_LIMIT:
            return self.values["Topic"]  # what the user asked the post to be about
        pillar = self.table.SLOTS[f"headline.{self.brief.pillar}"]
        # An occasion's own words ("Hayırlı Ramazanlar") first, the pillar's after.
        own = self.occasion.headline[self.language] if self.occasion else ()
        for options in (own, pillar):
            filled = [self._fill_quiet(t) for t in options if self._fillable(t)]
            fitting = [text for text in filled if 0 < len(text) <= HEADLINE_LIMIT]
            if fitting:
                return self.deck.take(f"{self.language}:headline", fitting, self.salt)
        return fit(self.brand.name, HEADLINE_LIMIT)

    def _fill_quiet(self, template: str) -> str:
        if self.trait not in EXCLAIMING:
            template = template.replace("!", "")
        return template.format_map(self.values).strip()

    def _alt_text(self, headline: str) -> str:
        slot = "alt.product" if self.brief.product else "alt.generic"
        parts = [self._fill_quiet(self.table.SLOTS[slot][0])]
        if headline:
            parts.append(self.table.SLOTS["alt.headline"][0].format(headline=headline))
        return fit(" ".join(parts), ALT_TEXT_LIMIT)

    # --- What templates are filled with ------------------------------------------------

    def _occasion_name(self) -> str:
        if self.occasion is None:
            return ""
        return occasion_name(self.occasion, self.brief.occasion, self.language)

    def _persona(self) -> str:
        persona = self.brand.persona
        return " ".join(persona.name.split()) if persona else ""

    def _persona_opens(self) -> bool:
        # A persona either opens or signs a caption, about half and half through a batch.
        return bool(self._persona()) and stable_int(self.salt, "persona") % 2 == 0

    def _has_list(self) -> bool:
        if self.brief.pillar == "tips":
            return True
        product = self.brief.product
        return product is not None and len(product.highlights) >= 2

    def _values(self) -> Mapping[str, str]:
        words = words_for(self.brand.industry, self.language)
        register = "casual" if self.trait in EXCLAIMING else "polite"
        product = self.brief.product
        angles = self._angles()
        plain: dict[str, str] = {
            "brand": " ".join(self.brand.name.split()),
            "item": product.name.strip() if product else words.offer,
            "angles": join(angles, WORDS[self.language]),
            "angle": angles[0] if angles else "",
            "price": product.price.strip() if product else "",
            "place": words.place,
            "team": words.team,
            "moment": words.moment,
            "pain": words.pain,
            "outcome": words.outcome,
            "detail": words.detail,
            "city": self.city.name if self.city else "",
            "city_loc": self.city.tr_locative if self.city else "",
            "topic": " ".join(self.brief.topic.split()).rstrip(".!?"),
            "occasion": self._occasion_name(),
            "persona": self._persona(),
            "tip": self.deck.draw(f"{self.language}:tip", words.tips, self.salt, self.attempt),
            "subject": self.table.SUBJECTS[self.brief.pillar],
        }
        values = {key: value for key, value in plain.items() if value}
        # Capitalised forms start sentences; names are left as their owners write them.
        names = {"brand", "persona", "city", "occasion"} | ({"item"} if product else set())
        for key, value in list(values.items()):
            upper = value if key in names else capitalise(value, self.language)
            values[key[0].upper() + key[1:]] = upper
        values["you"] = self.table.YOU[register]
        values["kak"] = self.table.KAK[register]
        return MappingProxyType(values)

    def _angles(self) -> list[str]:
        if not self.brief.product:
            return []
        angles = [" ".join(a.split()) for a in self.brief.product.highlights if a.strip()]
        if len(angles) <= LIST_ITEMS:
            return angles
        start = stable_int(self.salt, "angles") % len(angles)  # a different three each time
        return (angles[start:] + angles[:start])[:LIST_ITEMS]


def _paragraphs(lines: list[str]) -> str:
    """Sentences joined with spaces; a list (a line with line breaks) stands apart."""
    text = ""
    for line in lines:
        if line:
            text += line if not text or text.endswith("\n") else f" {line}"
    blocks = [block.strip() for block in text.split("\n\n")]
    return "\n\n".join(block for block in blocks if block)
