-- test-only: stands for a schema change of a later Trailbench version
ALTER TABLE event ADD COLUMN test_note VARCHAR(100);
