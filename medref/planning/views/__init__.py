"""The planning pages: årshjul and mødeplan, Opfølgning, Klippekort, and the
proposal forms on the agenda editor and the minutes page."""
