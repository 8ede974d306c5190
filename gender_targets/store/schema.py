"""The store's tables (``metadata``), ``SCHEMA_VERSION``, statuses, audit actions and the column
groups its reads return. Areas append their tables in a block commented with the area."""

from __future__ import annotations

import sqlalchemy as sa

from ..schema import COUNT_COLUMNS
from ..units import REGISTER_COLUMNS

#: The schema version this code writes. ``MIGRATIONS[v]`` upgrades a database from ``v - 1`` to ``v``.
SCHEMA_VERSION = 3
STATUSES = ("active", "superseded", "rolled_back", "pending", "returned")
AUDIT_ACTIONS = (
    "import",
    "rollback",
    "register_change",
    "targets_change",
    "sample_load",
    "sample_remove",
    # accounts: review and users
    "submit",
    "accept",
    "return",
    "user_add",
    "user_change",
    "settings_change",
)
#: ``pg_advisory_xact_lock`` key that serialises schema creation and upgrades on PostgreSQL.
SCHEMA_LOCK_KEY = 0x67745F736368656D  # "gt_schem"


# ---- schema --------------------------------------------------------------------------------
metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False, server_default=sa.text("''")),
)

units = sa.Table(
    "units",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False, server_default=sa.text("0")),
    *[sa.Column(c, sa.Text, nullable=False, server_default=sa.text("''")) for c in REGISTER_COLUMNS if c != "code"],
)

targets = sa.Table(
    "targets",
    metadata,
    sa.Column("indicator", sa.String(8), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("target_percent", sa.Float, nullable=False),
)

files = sa.Table(
    "files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("size", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

submissions = sa.Table(
    "submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("sha256", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("files.id"), nullable=True),
    sa.Column("uploaded_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("uploaded_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("status", sa.String(16), nullable=False, server_default=sa.text("'active'")),
    sa.Column("supersedes", sa.Integer, sa.ForeignKey("submissions.id"), nullable=True),
    sa.Column("is_sample", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("n_bodies", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Index("ix_submissions_unit_period_status", "unit", "period", "status"),
    sa.Index("ix_submissions_sha256", "sha256"),
)

bodies = sa.Table(
    "bodies",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False),
    sa.Column("row_no", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("body_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("body_type", sa.Text, nullable=False, server_default=sa.text("''")),
    *[sa.Column(c, sa.Integer, nullable=False, server_default=sa.text("0")) for c in COUNT_COLUMNS],
    sa.Column("note", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("source_row", sa.Integer, nullable=True),
    sa.Index("ix_bodies_submission_id", "submission_id"),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("who", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("detail", sa.Text, nullable=False, server_default=sa.text("'{}'")),
)

# -- meetings: notes on an indicator or a unit for a quarter (SPEC §11) ------------------------
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("indicator", sa.String(8), nullable=False, server_default=sa.text("''")),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_notes_unit_period", "unit", "period"),
)
NOTE_COLUMNS = ["id", "unit", "indicator", "period", "text", "created_by", "created_at"]
#: A note is a short sentence shown on a chart: at most this many characters.
NOTE_MAX_CHARS = 300
AUDIT_ACTIONS = (*AUDIT_ACTIONS, "note_add", "note_delete")
# -- end meetings ------------------------------------------------------------------------------

# -- accounts: users, review state of submissions, settings (SPEC §10) -----------------------
accounts_table = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("display_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("units", sa.Text, nullable=False, server_default=sa.text("''")),  # codes, comma-separated
    sa.Column("email", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("password_hash", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("last_sign_in_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("failed_attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("locked_until", sa.String(40), nullable=False, server_default=sa.text("''")),
)
# a signed-in browser: the SHA-256 of the random token its cookie holds, until ``expires_at``
account_sessions = sa.Table(
    "account_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("expires_at", sa.String(40), nullable=False, server_default=sa.text("''")),
)
# review columns of ``submissions`` (declared here, appended to the table below)
_REVIEW_COLUMNS = [
    sa.Column("account", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("reviewed_by", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("reviewed_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("review_comment", sa.Text, nullable=False, server_default=sa.text("''")),
]
for _col in _REVIEW_COLUMNS:
    submissions.append_column(_col)
PUBLIC_VIEW_KEY = "public_view"  # a ``meta`` row: "1" when an admin opened the dashboards to everyone
REVIEW_COLUMNS = ["account", "reviewed_by", "reviewed_at", "review_comment"]
ACCOUNT_COLUMNS = [
    "id",
    "username",
    "display_name",
    "role",
    "units",
    "email",
    "disabled",
    "created_at",
    "last_sign_in_at",
    "failed_attempts",
    "locked_until",
]

HISTORY_COLUMNS = [
    "id",
    "unit",
    "period",
    "file_name",
    "sha256",
    "uploaded_by",
    "uploaded_at",
    "status",
    "supersedes",
    "is_sample",
    "n_bodies",
    *REVIEW_COLUMNS,
]
ACTIVE_BODY_COLUMNS = [
    "submission_id",
    "unit",
    "period",
    "body_name",
    "body_type",
    *COUNT_COLUMNS,
    "note",
    "source_row",
]
SUBMISSION_BODY_COLUMNS = ["row_no", "body_name", "body_type", *COUNT_COLUMNS, "note", "source_row"]
AUDIT_COLUMNS = ["id", "at", "action", "who", "detail"]

# -- phone: the signed report attached to a submission (issue 23) ------------------------------
# an attachment's bytes, once per content (a file of several unit-quarters attaches the same bytes
# to each of its submissions); what was checked by ``gender_targets.attachments`` (images re-encoded)
attachment_files = sa.Table(
    "attachment_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("media_type", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
# one attachment per submission: its name as stored, who attached it and when
attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True, autoincrement=False),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("attachment_files.id"), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("attached_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("attached_at", sa.String(40), nullable=False, server_default=sa.text("''")),
)
#: a ``meta`` row: "1" when an admin made the signed report required on every unit submission
ATTACHMENT_REQUIRED_KEY = "attachment_required"
ATTACHMENT_COLUMNS = ["submission_id", "file_name", "media_type", "size", "sha256", "attached_by", "attached_at"]
AUDIT_ACTIONS = (*AUDIT_ACTIONS, "attach")
# -- end phone ---------------------------------------------------------------------------------


# -- security: known browsers, sign-in throttling, backups and restores in the log (issue 20) -----
# a browser that signed in to an account before (its cookie holds a random token; the SHA-256 is
# kept here): it may still sign in while the account is locked against new browsers
account_devices = sa.Table(
    "account_devices",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("last_used_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Index("ix_account_devices_username", "username"),
)
# one row per failed sign-in: from which client (a SHA-256 of its address) and for which name typed
sign_in_failures = sa.Table(
    "sign_in_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("username", sa.String(64), nullable=False, server_default=sa.text("''")),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Index("ix_sign_in_failures_client_at", "client", "at"),
)
# an e-mail names one account at most (single sign-on maps an e-mail to its account); '' is no e-mail
sa.Index(
    "ux_accounts_email",
    sa.func.lower(accounts_table.c.email),
    unique=True,
    sqlite_where=accounts_table.c.email != "",
    postgresql_where=accounts_table.c.email != "",
)
#: kept by a restore unless the admin chooses to restore the backup's accounts too
ACCOUNT_TABLES = ("accounts",)
#: never taken from a backup: a restore leaves them empty (every browser signs in again, and is new
#: to its account until it has)
SESSION_TABLES = ("account_sessions", "account_devices", "sign_in_failures")
AUDIT_ACTIONS = (*AUDIT_ACTIONS, "backup", "restore", "account_locked", "account_unlock", "password_change")
# -- end security ---------------------------------------------------------------------------------

# -- campaign: deadlines per quarter, the mail log (issue 16; SPEC §12) -------------------------
deadlines = sa.Table(
    "deadlines",
    metadata,
    sa.Column("period", sa.String(8), primary_key=True),
    sa.Column("deadline", sa.String(10), nullable=False),  # ISO date, a day in Vietnam time
    sa.Column("set_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("set_at", sa.String(40), nullable=False, server_default=sa.text("''")),
)
# one row per message decided: the unique key makes "send it" a claim that one process wins;
# ``status``: sending (claimed, not yet answered) → sent (the server accepted it) | failed
mail_log = sa.Table(
    "mail_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("unit", sa.String(64), nullable=False),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),  # ISO date in Vietnam time
    sa.Column("kind", sa.String(16), nullable=False),  # reminder | returned | submitted
    sa.Column("ref", sa.Integer, nullable=False, server_default=sa.text("0")),  # submission id (notifications)
    sa.Column("recipients", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("subject", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("status", sa.String(16), nullable=False, server_default=sa.text("'sending'")),
    sa.Column("error", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("sent_by", sa.Text, nullable=False, server_default=sa.text("''")),
    sa.Column("claimed_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.Column("sent_at", sa.String(40), nullable=False, server_default=sa.text("''")),
    sa.UniqueConstraint("unit", "period", "day", "kind", "ref", name="uq_mail_log_key"),
)
MAIL_LOG_COLUMNS = [
    "id",
    "unit",
    "period",
    "day",
    "kind",
    "ref",
    "recipients",
    "subject",
    "status",
    "error",
    "sent_by",
    "claimed_at",
    "sent_at",
]
NOTIFY_KEYS = {"returned": "notify_returned", "submitted": "notify_submitted"}  # ``meta`` rows, "1"/"0"
AUDIT_ACTIONS = (*AUDIT_ACTIONS, "deadline_set", "mail_send", "notify_settings")
# -- end campaign --------------------------------------------------------------------------------

# -- phone: what a unit typed on the web form and has not sent yet (a draft) ----------------------
# A phone's browser drops a tab it keeps in the background (she checks a number in Zalo) and reloads
# it: what she typed must still be there. One row per account, unit and quarter; the JSON holds the
# cards as typed. Never taken from a backup (a restore leaves it empty), never audited: not a number
# of the union's until it is sent.
entry_drafts = sa.Table(
    "entry_drafts",
    metadata,
    sa.Column("account", sa.String(64), primary_key=True),  # '' for the local operator
    sa.Column("unit", sa.String(64), primary_key=True),
    sa.Column("period", sa.String(8), primary_key=True),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("saved_at", sa.String(40), nullable=False),
)
SESSION_TABLES = (*SESSION_TABLES, "entry_drafts")
