"""/lo-trinh on a freshly started server: see ui/first_visit.py."""

from ui.gate import page_gate

page_gate(__file__)
