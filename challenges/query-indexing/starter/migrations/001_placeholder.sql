-- Your migrations go in this folder: *.sql files, applied in file-name order to the database
-- (already holding the data set) before your service starts. This one does nothing.
SELECT 1;
