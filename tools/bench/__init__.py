"""The benchmark of the course (`make bench`): not part of the installed package."""
