"""``Store``: every area of the store in one class (the package docstring says what it promises)."""

from __future__ import annotations

from .accounts import AccountsMixin
from .attachments import AttachmentsMixin
from .base import BaseStore
from .campaign import CampaignMixin
from .drafts import DraftsMixin
from .meeting_notes import NotesMixin
from .reads import ReadsMixin
from .reference import ReferenceMixin
from .review import ReviewMixin
from .uploads import UploadsMixin


class Store(
    ReviewMixin,
    UploadsMixin,
    AttachmentsMixin,
    AccountsMixin,
    NotesMixin,
    ReferenceMixin,
    ReadsMixin,
    CampaignMixin,
    DraftsMixin,
    BaseStore,
):
    """A database of submissions, the register, the targets and the audit log. See ``gender_targets.store``."""
