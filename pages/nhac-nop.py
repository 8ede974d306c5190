"""/nhac-nop on a freshly started server: see ui/first_visit.py."""

from ui.first_visit import run_entry_point

run_entry_point()
