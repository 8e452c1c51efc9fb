"""Excel reports (openpyxl): the quarterly workbook and the tables it shares with the screen."""
