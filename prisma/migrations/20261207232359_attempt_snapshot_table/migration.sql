-- CreateTable
CREATE TABLE "attempt_snapshot" (
    "attemptId" TEXT NOT NULL PRIMARY KEY,
    "json" TEXT NOT NULL,
    CONSTRAINT "attempt_snapshot_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Keep the saved simulations aside while the attempt table is redefined without its column
-- (a copy with no foreign key, so that nothing the redefinition does can remove it).
CREATE TABLE "_attempt_snapshot_copy" AS SELECT "id", "snapshot" FROM "attempt" WHERE "snapshot" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "labId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'lab',
    "status" TEXT NOT NULL DEFAULT 'active',
    "openLabId" TEXT,
    "seed" INTEGER NOT NULL,
    "snapshotAt" DATETIME,
    "completedAt" DATETIME,
    "timeSpentSeconds" INTEGER,
    "hintsUsed" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "recordedBytes" INTEGER NOT NULL DEFAULT 0,
    "labVersionId" TEXT,
    CONSTRAINT "attempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attempt_labVersionId_fkey" FOREIGN KEY ("labVersionId") REFERENCES "lab_version" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_attempt" ("completedAt", "createdAt", "hintsUsed", "id", "kind", "labId", "labVersionId", "openLabId", "recordedBytes", "seed", "snapshotAt", "status", "timeSpentSeconds", "updatedAt", "userId") SELECT "completedAt", "createdAt", "hintsUsed", "id", "kind", "labId", "labVersionId", "openLabId", "recordedBytes", "seed", "snapshotAt", "status", "timeSpentSeconds", "updatedAt", "userId" FROM "attempt";
DROP TABLE "attempt";
ALTER TABLE "new_attempt" RENAME TO "attempt";
CREATE INDEX "attempt_userId_labId_idx" ON "attempt"("userId", "labId");
CREATE UNIQUE INDEX "attempt_userId_kind_openLabId_key" ON "attempt"("userId", "kind", "openLabId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Each attempt's saved simulation, now in its own row.
INSERT INTO "attempt_snapshot" ("attemptId", "json") SELECT "id", "snapshot" FROM "_attempt_snapshot_copy";
DROP TABLE "_attempt_snapshot_copy";
