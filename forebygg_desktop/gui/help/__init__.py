"""Help inside the program: the user guide (F1) and the About dialog."""
