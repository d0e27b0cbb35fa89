"""The registry of problem codes: each code's severity and one-line meaning.

Every problem selfassess reports has a code from this table. The rules, the
README's "What check looks for" tables, ``check --ignore`` and the tests all
read it. One row per code, sorted by code; the comments mark the ranges kept
for work in progress, so a new code is one added line under its range (and the
same row in the README's table; tests/test_problemcodes.py says if either is missing).

The letter gives the severity: E errors (exit 1), W warnings (exit 0 unless
``--strict``), I notes (informational, never a failure).
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.problems import Problem, Severity

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE
SEVERITY_LETTERS = {"E": ERROR, "W": WARNING, "I": NOTE}


@dataclass(frozen=True)
class ProblemCode:
    """A problem code, its severity and what it means (the README's words)."""

    code: str
    severity: Severity
    meaning: str


# fmt: off
CODES: tuple[ProblemCode, ...] = (
    # E10x: reading YAML
    ProblemCode("E100", ERROR, "the file cannot be read"),
    ProblemCode("E101", ERROR, "YAML syntax error"),
    ProblemCode("E102", ERROR, "not UTF-8 text (or contains a NUL character)"),
    ProblemCode("E103", ERROR, "a tab used for indentation"),
    ProblemCode("E104", ERROR, "empty file"),
    ProblemCode("E105", ERROR, "the file is not a mapping of keys to values"),
    ProblemCode("E106", ERROR, "a key written twice in one mapping"),
    ProblemCode("E107", ERROR, "over a resource limit (file size, nesting depth, alias expansion)"),
    ProblemCode("E108", ERROR, "a YAML tag other than plain text, numbers, lists and mappings (e.g. `!!python/object`)"),
    # E11x: the file format (schema)
    ProblemCode("E111", ERROR, "a `schema_version` this release does not read"),
    ProblemCode("E112", ERROR, "a value of the wrong type, or not one of the allowed values"),
    ProblemCode("E113", ERROR, "a required field is missing"),
    ProblemCode("E114", ERROR, "an unknown field (with a \"did you mean\")"),
    ProblemCode("E115", ERROR, "`comply` is not yes or no"),
    # E12x: reading Word files
    ProblemCode("E121", ERROR, "a Word file that is not a .docx or is damaged"),
    ProblemCode("E122", ERROR, "a Word file that unpacks to more than the size limit"),
    ProblemCode("E123", ERROR, "a Word file with no self-assessment form table in it"),
    ProblemCode("E124", ERROR, "a form whose text matches too few of the edition's bundled texts (probably another edition)"),
    # E12x-E13x (reserved): hostile input; E121-E124 above are taken
    ProblemCode("E125", ERROR, "an input that is not a regular file after following links (a folder, device, pipe or socket)"),
    ProblemCode("E126", ERROR, "a Word table wider than the 63 columns Word allows"),
    ProblemCode("E127", ERROR, "an evidence `path` that no file system could hold (a NUL character, a name over 255 bytes, or a path over 4,096)"),
    # E20x: an assessment against its Code edition; Code and map files
    ProblemCode("E201", ERROR, "an unknown Code edition"),
    ProblemCode("E202", ERROR, "an answer to a provision the edition does not have (complete editions)"),
    ProblemCode("E203", ERROR, "an assessed provision with no answer (provisions whose text is bundled, or any in a complete edition)"),
    ProblemCode("E204", ERROR, "`no` without an `explanation`"),
    ProblemCode("E205", ERROR, "`no` without a `compliance_date`"),
    ProblemCode("E206", ERROR, "an action without an owner or a due date"),
    ProblemCode("E207", ERROR, "an action's owner is not a key of `owners`"),
    ProblemCode("E208", ERROR, "an edition map names a provision an edition does not have"),
    ProblemCode("E209", ERROR, "a Code edition lists a provision twice, out of order, or in the wrong section"),
    # E210-E219: answers the documents can be trusted with
    ProblemCode("E210", ERROR, "`status: approved` or `published` while an assessed provision has no answer (whether or not its text is bundled)"),
    ProblemCode("E211", ERROR, "`code import` given a Word document `selfassess render` wrote (its cells hold our summaries, not the Code's text)"),
    ProblemCode("E212", ERROR, "`landlord.name` is still the placeholder `Name of landlord` that `import` writes when the form does not say it"),
    # E230-E234: editions, edition maps and timescales files
    ProblemCode("E213", ERROR, "a command that reads a self-assessment (`render`, `status`, `gaps`, `diff`, ...) given another kind of file, with the command that reads it"),
    ProblemCode("E230", ERROR, "no edition map leads from one edition to the other (`diff`, `migrate`, `init --from`)"),
    ProblemCode("E231", ERROR, "a timescales file not named `<edition>-timescales.yaml` after the `edition` it gives (so never used)"),
    ProblemCode("E232", ERROR, "a timescales file names a provision (a limit's or `stage_2_handler`'s) its edition does not have"),
    # E401: templates
    ProblemCode("E401", ERROR, "an error in a template given with `--templates`"),
    # E501-E549: the complaints log (practice)
    ProblemCode("E501", ERROR, "the complaints log does not exist or cannot be read"),
    ProblemCode("E502", ERROR, "the log is not CSV text or an Excel workbook (binary, damaged, not a zip, empty)"),
    ProblemCode("E503", ERROR, "the log is over a limit (size, rows, a cell's length, the workbook's unpacked size, styles, names or shared strings, a document type in a workbook), or reading it needs more memory than the system gives"),
    ProblemCode("E504", ERROR, "a required column (or one named in `columns:`) is missing, with a \"did you mean\""),
    ProblemCode("E505", ERROR, "two columns with the same name (the later one is ignored)"),
    ProblemCode("E506", ERROR, "a cell in a date column is not a date (said once for a column that holds no date at all)"),
    ProblemCode("E507", ERROR, "a date that can only be read month first (`05/13/2024`), and every ambiguous date (`09/05/2024`) in a column that holds one"),
    ProblemCode("E508", ERROR, "a reference already used on an earlier row"),
    ProblemCode("E509", ERROR, "a date before the receipt (or the escalation) it follows"),
    ProblemCode("E510", ERROR, "stage 2 columns filled in without `escalated`"),
    ProblemCode("E511", ERROR, "an outcome that is not upheld, partly upheld, not upheld, withdrawn or refused after `values:` (once per distinct word, with a `values:` line to paste)"),
    ProblemCode("E512", ERROR, "compensation that is not an amount in pounds"),
    ProblemCode("E513", ERROR, "a blank reference or received date"),
    ProblemCode("E514", ERROR, "a workbook formula cell saved with no value (a formula with a stored value is read by that value)"),
    ProblemCode("E515", ERROR, "a date outside 1990 to 2099 (a mistyped year)"),
    ProblemCode("E516", ERROR, "the `sheet:` the workbook does not have"),
    ProblemCode("E517", ERROR, "a date after today (or after `--as-of`, if later): it has not happened yet"),
    ProblemCode("E518", ERROR, "a CSV row with fewer cells than the header (cut short)"),
    ProblemCode("E519", ERROR, "a stage 2 row with no stage 1 row for its reference (or whose stage 1 row was left out), or stage 2 given twice"),
    ProblemCode("E520", ERROR, "a stage that is not 1 or 2 after `values:` (once per distinct word, with a `values:` line), or blank"),
    ProblemCode("E521", ERROR, "`header_row:` names a blank row or one past the end"),
    ProblemCode("E522", ERROR, "more problems in a file of the log than are listed (the first 100 are; the rest are counted)"),
    ProblemCode("E523", ERROR, "a `breakdowns:` name that no file of the log has as a column (ours, mapped under `columns:`, or the log's header), with a \"did you mean\"; it is left out of the figures"),
    # E7xx: Ombudsman casework
    ProblemCode("E701", ERROR, "a casework finding that is not one of the Ombudsman's (with a \"did you mean\")"),
    ProblemCode("E702", ERROR, "a casework order without a due date"),
    ProblemCode("E703", ERROR, "a casework action without an owner or a due date"),
    ProblemCode("E704", ERROR, "a casework owner that is not a key of `owners` (or of the assessment `owners_from` names)"),
    ProblemCode("E705", ERROR, "two cases with the same reference"),
    ProblemCode("E706", ERROR, "an order marked done without `done_on`"),
    ProblemCode("E707", ERROR, "`owners_from` names a file that is missing or is not a usable assessment"),
    ProblemCode("E708", ERROR, "a recommendation id listed twice in one case"),
    ProblemCode("E709", ERROR, "a case kind, an order or a `review_letter:` that the register's `ombudsman:` does not have (the LGSCO decides and recommends; it makes no orders)"),
    ProblemCode("E710", ERROR, "an LGSCO recommendation without `due:`, the date set for compliance"),
    ProblemCode("E718", ERROR, "a due date's `revised:` entries not in the order they were agreed (an `on` earlier than the one above it)"),
    # E8xx: the annual report
    ProblemCode("E801", ERROR, "an annual report's `assessment` is missing, is not an assessment, or has errors"),
    ProblemCode("E803", ERROR, "an annual report's `previous` is missing, is not a report, or names an unusable assessment or casework register"),
    ProblemCode("E804", ERROR, "the `previous` report is not for the year before"),
    ProblemCode("E805", ERROR, "an annual report's `casework` is missing, is not a register, or has errors"),
    ProblemCode("E806", ERROR, "a service improvement without a `change`"),
    ProblemCode("E807", ERROR, "a benchmark for a measure selfassess does not know (with a \"did you mean\")"),
    # W230-W234: a Code's form layout (`form:`)
    ProblemCode("W231", WARNING, "a Code's `form:` the documents cannot use as written: a column heading `selfassess import` would not read back, or submission.csv without the provision or the answer"),
    # W30x-W31x: an assessment's warnings
    ProblemCode("W301", WARNING, "an action is overdue on the as-of date and not done"),
    ProblemCode("W302", WARNING, "a `compliance_date` has passed and the answer is still no"),
    ProblemCode("W303", WARNING, "`yes` with no evidence"),
    ProblemCode("W304", WARNING, "`yes` whose commentary speaks of the future (\"will be\", \"to be implemented\", \"we plan to\", ...)"),
    ProblemCode("W305", WARNING, "an evidence `path` that does not exist, relative to the assessment"),
    ProblemCode("W306", WARNING, "`status: approved` or `published` without `governance.approval`"),
    ProblemCode("W307", WARNING, "the assessment is more than 12 months old on the as-of date"),
    ProblemCode("W308", WARNING, "the edition's text is not bundled for some provisions (one short warning per file; `selfassess code list` shows which)"),
    ProblemCode("W309", WARNING, "an answer marked `review:` by `migrate`"),
    ProblemCode("W310", WARNING, "a link that is not http, https, mailto or relative (published as plain text); also in casework registers"),
    ProblemCode("W311", WARNING, "an evidence `path` that points outside the repository"),
    ProblemCode("W312", WARNING, "an answer to an id the bundled (incomplete) edition lacks"),
    ProblemCode("W313", WARNING, "unanswered provisions whose Code text is not bundled (incomplete editions)"),
    # W314-W319: recording the submission
    ProblemCode("W314", WARNING, "`submitted_on` on a draft, or a `submission_reference` without `submitted_on`"),
    # W320-W329: what the documents' readers see
    ProblemCode("W320", WARNING, "a link that is a web address without `https://` (`www.example.org.uk/page`), which a browser would look for inside the site it is published on (published with `https://` added); also in casework registers"),
    ProblemCode("W321", WARNING, "`status: draft` while `governance.approval` records an approval (a draft's documents leave it out)"),
    ProblemCode("W322", WARNING, "`yes` with an `explanation` or a `compliance_date`, which the documents publish only for a no"),
    # W550-W569: the complaints log; W601-W619: practice against the answers
    ProblemCode("W550", WARNING, "the log has no complaints received in the assessment's period"),
    ProblemCode("W551", WARNING, "the log cannot be compared with the answers (no timescales for the edition)"),
    ProblemCode("W552", WARNING, "a `tenures:` value that no complaint in the log has (the log's tenures listed with counts)"),
    ProblemCode("W553", WARNING, "a `where:` value that no row of the log holds (the column's values listed with counts)"),
    ProblemCode("W601", WARNING, "`yes` to a timescale provision the log contradicts (below `threshold` on time)"),
    ProblemCode("W602", WARNING, "`yes` to the Code's different stage 2 handler provision (6.13 in the housing Code) while the log shows stage 2 handled by the stage 1 handler"),
    # W7xx: Ombudsman casework
    ProblemCode("W750", WARNING, "an Ombudsman order is overdue on the as-of date and not done"),
    ProblemCode("W751", WARNING, "a casework action is overdue on the as-of date and not done"),
    ProblemCode("W752", WARNING, "an order was complied with after its due date"),
    ProblemCode("W753", WARNING, "a determination (or an LGSCO decision) with no findings"),
    ProblemCode("W754", WARNING, "an order with no owner"),
    # W8xx: the annual report
    ProblemCode("W850", WARNING, "one of the annual report's six required items is missing or empty (one warning each)"),
    ProblemCode("W851", WARNING, "an annual report approved without the governing body's `response`"),
    ProblemCode("W852", WARNING, "the self-assessment an annual report includes is still a draft"),
    ProblemCode("W853", WARNING, "an annual report's `period` differs from its self-assessment's"),
    ProblemCode("W854", WARNING, "the casework register an annual report names covers another period"),
    ProblemCode("W855", WARNING, "an annual report with `status: draft` while `governance.approval` records an approval (a draft leaves it out)"),
    ProblemCode("W856", WARNING, "a benchmark for a measure this report does not compute (no log, register or TP09 to compare it with, or a Code or Ombudsman without that measure); it is left out"),
    # I550-I569: notes on reading the complaints log
    ProblemCode("I550", NOTE, "a column of the workbook holds formulas; the values stored with them were read"),
    ProblemCode("I551", NOTE, "rows at the end of the log hold no complaint (a totals row, a blank reference) and are left out"),
    ProblemCode("I552", NOTE, "a CSV log with no UTF-8 in it, read as Windows-1252"),
    # I620-I629: notes on practice against the answers
    ProblemCode("I620", NOTE, "`no` to a timescale provision the log shows met in every case"),
)
# fmt: on

REGISTRY: dict[str, ProblemCode] = {row.code: row for row in CODES}


def severity(code: str) -> Severity:
    """Return a code's severity from the registry (from its letter if it is not there)."""
    row = REGISTRY.get(code)
    return row.severity if row else SEVERITY_LETTERS.get(code[:1], ERROR)


def is_known(code: str) -> bool:
    """Tell whether a code is in the registry."""
    return code in REGISTRY


def meaning(code: str) -> str:
    """Return a code's one-line meaning (the README's words), or a plain phrase for another."""
    row = REGISTRY.get(code)
    return row.meaning.replace("`", "") if row else "a problem"


def first_problem(problems: list[Problem]) -> str:
    """Describe the first of another file's problems by its place, code and the code's meaning.

    Nothing the problem quotes is repeated: the other file may hold what must not be shown.
    """
    if not problems:
        return "unknown problem"
    first = problems[0]
    return f"line {first.line}: {first.code} {meaning(first.code)}"
