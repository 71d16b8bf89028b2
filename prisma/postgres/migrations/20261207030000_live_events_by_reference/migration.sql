-- Event rows no longer copy the annotation: live streams and their replay read it as it is at delivery,
-- through the access rules (lib/live/stream.ts). Drop the copies already stored (bodies of deleted, hidden
-- and edited notes among them), keeping only who could see the annotation just before each change.
UPDATE "Event" SET "payload" = CASE
  WHEN jsonb_typeof(("payload"::jsonb) -> 'before') = 'object' THEN jsonb_build_object('before', jsonb_build_object(
    'visibility', ("payload"::jsonb) #> '{before,visibility}',
    'recipientId', ("payload"::jsonb) #> '{before,recipientId}',
    'hidden', COALESCE(("payload"::jsonb) #> '{before,hidden}', 'false'::jsonb)))::text
  ELSE '{}' END;

-- Event ids must never be handed out twice, not even after `npm run restore` puts an older backup back
-- (open live streams would skip the new events whose ids they already passed). The sequence therefore
-- belongs to no table: scripts/restore.sh leaves it out of the restore, and it keeps counting from where it was.
ALTER SEQUENCE "Event_id_seq" OWNED BY NONE;
