"""The schemes' rules and what they compute: grants, settlement, members, SiSa, spending plans, AZWA, overview."""
