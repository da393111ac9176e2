-- The year-end batch reads projects by recommending department and by service agency too.
CREATE INDEX projects_recommender_idx ON projects (recommending_department_id);
CREATE INDEX projects_agency_idx ON projects (service_agency_id);
