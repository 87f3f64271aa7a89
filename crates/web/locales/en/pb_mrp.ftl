## The MRP table
pb-mrp-title = MRP table
pb-mrp-intro = The monthly calculation index by year and the date it applies from. A new cycle takes the MRP in force when it is created; cycles already created keep theirs.
pb-mrp-valid-from = Valid from
pb-mrp-value = Value, ₸
pb-mrp-correct = Correct
pb-mrp-add = Add a row
pb-mrp-saved = The MRP table has been saved.
pb-mrp-err-date = Enter the date as DD.MM.YYYY (for example 17.11.2027).
pb-mrp-err-year = Enter a year between 2000 and 2100.
pb-mrp-err-year-date = The year must be the year of the valid-from date.
pb-mrp-err-value = Enter the value in whole tenge, for example 4 325.
pb-mrp-err-taken = The table already has a row from this date: correct its value instead.
