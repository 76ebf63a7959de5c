"""Terminology: the site's glossary (glossary.py), the checks it drives (check.py: an English
term whose approved translation is missing, a forbidden variant), and the consistency of the
whole site's translations (consistency.py: `essays terms`)."""
