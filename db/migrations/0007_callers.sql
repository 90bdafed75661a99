-- placeholder: replaced by this migration's statements (session 3). Do not leave empty.
SELECT 1;
