-- The video service's schema, as it was found.
CREATE TABLE videos (
  id          integer PRIMARY KEY,
  title       text NOT NULL,
  chunks      integer NOT NULL,
  uploaded_at timestamptz NOT NULL
);

CREATE TABLE jobs (
  id          bigserial PRIMARY KEY,
  request_id  text NOT NULL,
  video_id    integer NOT NULL,
  status      text NOT NULL,
  output_path text,
  bytes       bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
