-- Reserved for another branch of issue 11/12 (the integrator drops this file when merging
-- the migration of that number).
SELECT 1;
