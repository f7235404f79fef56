"""Article paragraphs written for the tests, shared by the tests that need a plain news story."""

# A short local news story: three paragraphs of prose with figures and times in them.
FERRY_STORY = [
    "The harbour board voted on Tuesday to add two early ferry crossings on weekdays, ending a year of "
    "complaints from commuters who said the first boat left too late for them to reach work on time.",
    "The new timetable starts in May. Crossings will leave at 5:40 and 6:10, and the last evening boat will "
    "run half an hour later than today, the board said in a statement after the meeting.",
    "The board said it would review passenger numbers in the autumn and could add a third boat if demand "
    "keeps growing, though that would require hiring six more crew members.",
]
