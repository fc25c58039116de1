"""Scores for the screener against labelled narratives (schema: narratives README)."""

from dataclasses import dataclass, field

from vigil.screening.indicators import VOCABULARY


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, got: bool) -> None:
        if expected and got:
            self.tp += 1
        elif got:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    label: Counts = field(default_factory=Counts)
    per_indicator: dict[str, Counts] = field(
        default_factory=lambda: {name: Counts() for name in VOCABULARY})
    errors: list[tuple[str, bool, bool, str]] = field(default_factory=list)

    def add(self, rid: str, text: str, expected: dict, got: dict) -> None:
        exp, out = bool(expected["safeguarding_check_required"]), got["safeguarding_check_required"]
        self.label.add(exp, out)
        if exp != out:
            self.errors.append((rid, exp, out, text[:100]))
        exp_ind, got_ind = set(expected.get("indicators") or []), set(got["indicators"])
        for name, c in self.per_indicator.items():
            c.add(name in exp_ind, name in got_ind)

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.per_indicator.values()) / len(self.per_indicator)

    def lines(self) -> list[str]:
        lab = self.label
        out = [f"safeguarding_check_required: precision {lab.precision:.3f}  recall "
               f"{lab.recall:.3f}  F1 {lab.f1:.3f}  (tp {lab.tp} fp {lab.fp} fn {lab.fn} "
               f"tn {lab.tn})", "", f"{'indicator':<18} {'prec':>6} {'recall':>6} {'F1':>6}"]
        for name, c in self.per_indicator.items():
            out.append(f"{name:<18} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
        out += [f"{'macro-F1':<18} {'':>6} {'':>6} {self.macro_f1:6.3f}", ""]
        out.append(f"errors ({len(self.errors)}):")
        for rid, exp, got, excerpt in self.errors:
            out.append(f"  {rid}: expected {str(exp).lower()}, got {str(got).lower()}: "
                       f"{excerpt!r}")
        return out
