"""A second look at the values behind findings: re-read, judge, revise (see stage.py).

The package's __init__ imports nothing: the check context imports `verdict` and the stage imports
the checks, so importing the stage here would make the two import each other.
"""
