"""Load benchmark of the live workshop (`make bench-workshop`): not part of the installed package."""
