"""`medref import DIR`: whole archives, restartable, one transaction per file."""

from __future__ import annotations

import datetime as dt
import gc
import io
import logging
from pathlib import Path

import pytest

import medref.meetings.imports as imports
from medref.documents.model import (
    AgendaItem,
    DocumentKind,
    MeetingDocument,
    Paragraph,
    Participant,
    Section,
    SectionKind,
)
from medref.importers import parse_file
from medref.meetings.imports import FileResult, import_paths
from medref.meetings.mapping import to_document
from medref.meetings.models import Meeting
from medref.renderers import render

COMMITTEES = ("FagMED Økonomi", "LokalMED Borgerservice", "HovedMED", "AfdelingsMED IT")
START = dt.date(2015, 1, 5)


def minutes(index: int) -> MeetingDocument:
    """Small, distinct minutes: committee and date vary with ``index``."""
    return MeetingDocument(
        kind=DocumentKind.MINUTES,
        committee=COMMITTEES[index % len(COMMITTEES)],
        meeting_date=START + dt.timedelta(days=index),
        start_time=dt.time(13, 0),
        location=f"Mødelokale {index}",
        participants=(Participant("Marie Aasøe", "Formand"), Participant("Jens Pilman")),
        present=("Marie Aasøe", "Jens Pilman"),
        items=(
            AgendaItem(
                number=1,
                title="Godkendelse af dagsorden",
                sections=(Section(SectionKind.DECISION, "Beslutning", (Paragraph("Godkendt."),)),),
            ),
            AgendaItem(
                number=2,
                title="Eventuelt",
                sections=(
                    Section(SectionKind.DECISION, "Beslutning", (Paragraph(f"Nr. {index}."),)),
                ),
            ),
        ),
    )


def write_archive(root: Path, count: int, *, first: int = 0) -> list[Path]:
    """``count`` good files, txt and md alternating, spread over year/month folders."""
    paths = []
    for index in range(first, first + count):
        doc = minutes(index)
        fmt = "md" if index % 2 else "txt"
        path = root / f"{doc.meeting_date:%Y/%m}" / f"referat-{index:04d}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(doc, fmt), encoding="utf-8")
        paths.append(path)
    return paths


def write_broken(root: Path) -> dict[str, Path]:
    """Files that must fail (or be skipped), by what is wrong with them."""
    broken = root / "diverse"
    broken.mkdir(parents=True, exist_ok=True)
    files = {
        "empty": broken / "tom.txt",
        "cp1252": broken / "windows.txt",
        "duplicate": broken / "dobbelt.md",
        "unknown": broken / "noter.odt",
        "hidden": broken / ".DS_Store",
        "lock": broken / "~$referat.txt",
    }
    files["empty"].write_bytes(b"")
    files["cp1252"].write_bytes(render(minutes(9000), "txt").encode("cp1252"))
    text = render(minutes(9001), "md")
    files["duplicate"].write_text(text.replace("Punkt 2:", "Punkt 1:"), encoding="utf-8")
    files["unknown"].write_bytes(b"PK\x03\x04 not a document medref reads")
    files["hidden"].write_bytes(b"\x00\x01")
    files["lock"].write_bytes(b"\x00lock")
    return files


class Run:
    """One `import_paths` call's exit status and output."""

    def __init__(self, paths: list[Path], **options: object) -> None:
        out, err = io.StringIO(), io.StringIO()
        defaults: dict[str, object] = {"municipality": None, "replace": False, "progress": False}
        self.status = import_paths(paths, stdout=out, stderr=err, **(defaults | options))
        self.out = out.getvalue().splitlines()
        self.err = err.getvalue().splitlines()

    @property
    def summary(self) -> str:
        return self.err[-1]

    @property
    def failures(self) -> list[str]:
        return self.err[:-1]


@pytest.fixture
def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path handed to the parser during the test, in order."""
    seen: list[Path] = []
    real = imports.parse_file

    def counting(path: Path, **kwargs: int) -> MeetingDocument:
        seen.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(imports, "parse_file", counting)
    return seen


@pytest.mark.django_db
def test_an_archive_imports_the_good_files_and_reports_the_broken_ones(
    tmp_path: Path, count_parses: list[Path]
) -> None:
    """~200 files: counts, FILE:LINE failures, exit status 1, the database holds the good ones."""
    good = write_archive(tmp_path, 196)
    broken = write_broken(tmp_path)

    run = Run([tmp_path])

    assert run.status == 1
    assert run.summary == "importeret 196, uændret 0, sprunget over 3, fejlet 3"
    assert len(run.out) == 196 and all(": importeret (" in line for line in run.out)
    assert run.failures == [
        f"{broken['duplicate']}:{line_of(broken['duplicate'], 'Punkt 1: Eventuelt')}: "
        "punkt 1 står to gange (første gang i linje "
        f"{line_of(broken['duplicate'], 'Punkt 1: Godkendelse')})",
        f"{broken['empty']}:1: filen er tom",
        f"{broken['cp1252']}:%d: filen er ikke UTF-8-tekst: byten 0xD8 i kolonne %d; "
        "den ligner Windows-1252 (cp1252): gem den som UTF-8" % first_non_ascii(broken["cp1252"]),
    ]
    # Parsed: the good files and the three broken ones with a known extension.
    assert len(count_parses) == 199
    assert Meeting.objects.count() == 196
    for path in good[::13]:
        meeting = Meeting.objects.get(source_name=path.name)
        assert to_document(meeting) == parse_file(path)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.lstrip("#* ").startswith(text))


def first_non_ascii(path: Path) -> tuple[int, int]:
    """(line, column) of the first byte over 127."""
    for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        for column, byte in enumerate(line, start=1):
            if byte > 127:
                return number, column
    raise AssertionError(f"{path} is ASCII")


@pytest.mark.django_db
def test_a_rerun_parses_no_good_file_and_retries_the_broken_ones(
    tmp_path: Path, count_parses: list[Path]
) -> None:
    """Good files are recognised by their SHA-256 unparsed; failures were never recorded."""
    write_archive(tmp_path, 40)
    broken = write_broken(tmp_path)
    Run([tmp_path])
    count_parses.clear()

    run = Run([tmp_path])

    assert run.status == 1
    assert run.summary == "importeret 0, uændret 40, sprunget over 3, fejlet 3"
    assert all(": uændret (" in line for line in run.out)
    assert sorted(count_parses) == sorted([broken["empty"], broken["cp1252"], broken["duplicate"]])
    assert Meeting.objects.count() == 40


@pytest.mark.django_db
def test_identical_copies_under_two_names_are_one_meeting(
    tmp_path: Path, count_parses: list[Path]
) -> None:
    """The copy's hash is the meeting's: it is "uændret" without being parsed."""
    (original,) = write_archive(tmp_path / "a", 1)
    copy = tmp_path / "b" / "kopi af referat.txt"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())

    run = Run([tmp_path])

    assert run.status == 0
    assert run.out[1].startswith(f"{copy}: uændret (FagMED Økonomi 05-01-2015)")
    assert count_parses == [original]
    assert Meeting.objects.get().source_name == original.name


@pytest.mark.django_db
def test_the_hash_counts_only_in_the_named_municipality(tmp_path: Path) -> None:
    """A file already in one municipality is imported again into another one named."""
    (path,) = write_archive(tmp_path, 1)
    assert Run([path], municipality="Vejle Kommune").status == 0
    run = Run([path], municipality="Albertslund Kommune")
    assert run.summary.startswith("importeret 1,")
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_an_interrupted_run_keeps_what_it_finished_and_a_rerun_does_the_rest(
    tmp_path: Path, count_parses: list[Path]
) -> None:
    """Ctrl-C after 12 files: those 12 are in (whole), exit 130; the rerun imports the rest."""
    paths = write_archive(tmp_path, 30)
    done: list[FileResult] = []

    def interrupt_after_twelve(result: FileResult) -> None:
        done.append(result)
        if len(done) == 12:
            raise KeyboardInterrupt

    run = Run([tmp_path], on_file=interrupt_after_twelve)

    assert run.status == imports.INTERRUPTED
    assert run.summary == "afbrudt: importeret 12, uændret 0, sprunget over 0, fejlet 0"
    assert set(Meeting.objects.values_list("source_name", flat=True)) == {
        p.name for p in paths[:12]
    }
    count_parses.clear()

    rerun = Run([tmp_path])

    assert rerun.summary == "importeret 18, uændret 12, sprunget over 0, fejlet 0"
    assert count_parses == paths[12:]
    assert Meeting.objects.count() == 30


@pytest.mark.django_db
def test_a_file_interrupted_in_its_transaction_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C inside the 3rd file's write rolls that file back entirely."""
    import medref.meetings.services as services

    write_archive(tmp_path, 5)
    real_from_document = services.mapping.from_document

    def from_document_then_interrupt(*args: object, **kwargs: object) -> Meeting:
        meeting = real_from_document(*args, **kwargs)  # type: ignore[arg-type]
        if Meeting.objects.count() == 3:  # the third meeting's rows are written, not committed
            raise KeyboardInterrupt
        return meeting

    monkeypatch.setattr(services.mapping, "from_document", from_document_then_interrupt)
    run = Run([tmp_path])
    assert run.status == imports.INTERRUPTED
    assert Meeting.objects.count() == 2
    assert run.summary.startswith("afbrudt: importeret 2,")


@pytest.mark.django_db
def test_an_unexpected_error_is_one_line_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug while importing one file: "FILE: internal error: …", traceback in the log only."""
    paths = write_archive(tmp_path, 3)
    real = imports.parse_file

    def buggy(path: Path, **kwargs: int) -> MeetingDocument:
        if path == paths[1]:
            raise ZeroDivisionError("division by zero")
        return real(path, **kwargs)

    monkeypatch.setattr(imports, "parse_file", buggy)
    with caplog.at_level(logging.ERROR, logger="medref.meetings.imports"):
        run = Run([tmp_path])

    assert run.status == 1
    assert run.failures == [f"{paths[1]}: intern fejl: ZeroDivisionError: division by zero"]
    assert "Traceback" not in "\n".join(run.err)
    assert caplog.records[0].exc_info is not None
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path) -> None:
    """The limit comes from MEDREF_MAX_IMPORT_BYTES (or the caller) and names the setting."""
    (path,) = write_archive(tmp_path, 1)
    run = Run([path], max_bytes=100)
    assert run.status == 1
    assert run.failures[0].startswith(f"{path}: filen fylder ")
    assert "MEDREF_MAX_IMPORT_BYTES" in run.failures[0]


@pytest.mark.django_db
def test_a_named_file_with_an_unknown_extension_fails_but_a_walked_one_is_skipped(
    tmp_path: Path,
) -> None:
    """Naming a file asks for it; a directory's stray files are only counted."""
    odt = tmp_path / "noter.odt"
    odt.write_bytes(b"x")
    assert Run([tmp_path]).summary == "importeret 0, uændret 0, sprunget over 1, fejlet 0"
    run = Run([odt])
    assert run.status == 1
    assert run.failures[0].startswith(f"{odt}: ukendt filtype ».odt«")


@pytest.mark.django_db
def test_the_walk_is_sorted_and_skips_hidden_directories(tmp_path: Path) -> None:
    """Deterministic order whatever the file system returns; .git and the like are not entered."""
    paths = write_archive(tmp_path, 6)
    hidden = tmp_path / ".git" / "referat.txt"
    hidden.parent.mkdir()
    hidden.write_bytes(paths[0].read_bytes())
    run = Run([tmp_path])
    assert [line.split(": ")[0] for line in run.out] == [str(p) for p in sorted(paths)]


@pytest.mark.django_db
def test_the_progress_bar_goes_to_stderr_and_keeps_the_summary(tmp_path: Path) -> None:
    """With progress on and a non-terminal stdout, stdout still gets one line per file."""
    write_archive(tmp_path, 4)
    write_broken(tmp_path)
    run = Run([tmp_path], progress=True)
    assert run.status == 1
    assert len(run.out) == 4
    assert run.summary == "importeret 4, uændret 0, sprunget over 3, fejlet 3"
    assert sum(": " in line and "diverse" in line for line in run.err) == 3


@pytest.mark.slow
@pytest.mark.django_db
def test_memory_stays_flat_over_500_files(tmp_path: Path) -> None:
    """As many live objects after file 500 as after file 100: nothing is kept per file.

    Counting the garbage collector's objects costs two collections; tracemalloc
    would triple the test's time. Keeping 400 parsed documents (dozens of
    objects each) or their model rows would add tens of thousands.
    """
    write_archive(tmp_path, 500)
    live: dict[int, int] = {}
    files = 0

    def sample(result: FileResult) -> None:
        nonlocal files
        files += 1
        if files in (100, 500):
            gc.collect()
            live[files] = len(gc.get_objects())

    run = Run([tmp_path], on_file=sample)

    assert run.status == 0
    assert live[500] - live[100] < 1000, live
