-- Event rows no longer copy the annotation: live streams and their replay read it as it is at delivery,
-- through the access rules (lib/live/stream.ts). Drop the copies already stored (bodies of deleted, hidden
-- and edited notes among them), keeping only who could see the annotation just before each change.
UPDATE "Event" SET "payload" = CASE
  WHEN json_valid("payload") AND json_type("payload", '$.before') = 'object' THEN json_object('before', json_object(
    'visibility', json_extract("payload", '$.before.visibility'),
    'recipientId', json_extract("payload", '$.before.recipientId'),
    'hidden', json(CASE WHEN json_extract("payload", '$.before.hidden') THEN 'true' ELSE 'false' END)))
  ELSE '{}' END;
