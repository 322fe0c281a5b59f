-- Three years of history, generated in one statement per table (no row-by-row inserts). The foreign key
-- is added afterwards: one pass over the table instead of a lookup per row.
INSERT INTO videos (id, title, chunks, uploaded_at)
SELECT v, 'video ' || v, 4, now() - interval '3 years' + v * interval '1 hour'
FROM generate_series(1, 200) AS v;

INSERT INTO jobs (request_id, video_id, status, output_path, bytes, created_at, finished_at)
SELECT md5(n::text),
       1 + n % 200,
       CASE WHEN n % 97 = 0 THEN 'failed' ELSE 'done' END,
       '/mnt/efs/out/' || n || '.mp4',
       65536,
       t,
       t + interval '2 seconds'
FROM generate_series(1, 1000000) AS n,
     LATERAL (SELECT now() - interval '3 years' + n * interval '94 seconds') AS ts(t);

ALTER TABLE jobs ADD FOREIGN KEY (video_id) REFERENCES videos (id);
