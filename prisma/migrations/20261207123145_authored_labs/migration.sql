-- CreateTable
CREATE TABLE "authored_lab" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "draftFiles" TEXT NOT NULL,
    "draftHash" TEXT NOT NULL,
    "draftUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "audience" TEXT NOT NULL DEFAULT 'cohorts',
    "selfTestHash" TEXT,
    "selfTestPassed" BOOLEAN,
    "selfTestReport" TEXT,
    "selfTestAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "authored_lab_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "lab_version" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "labId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "files" TEXT NOT NULL,
    "filesHash" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lab_version_labId_fkey" FOREIGN KEY ("labId") REFERENCES "authored_lab" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "lab_version_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

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
    "snapshot" TEXT,
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
INSERT INTO "new_attempt" ("completedAt", "createdAt", "hintsUsed", "id", "kind", "labId", "openLabId", "recordedBytes", "seed", "snapshot", "snapshotAt", "status", "timeSpentSeconds", "updatedAt", "userId") SELECT "completedAt", "createdAt", "hintsUsed", "id", "kind", "labId", "openLabId", "recordedBytes", "seed", "snapshot", "snapshotAt", "status", "timeSpentSeconds", "updatedAt", "userId" FROM "attempt";
DROP TABLE "attempt";
ALTER TABLE "new_attempt" RENAME TO "attempt";
CREATE INDEX "attempt_userId_labId_idx" ON "attempt"("userId", "labId");
CREATE UNIQUE INDEX "attempt_userId_kind_openLabId_key" ON "attempt"("userId", "kind", "openLabId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "authored_lab_ownerId_idx" ON "authored_lab"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "lab_version_labId_number_key" ON "lab_version"("labId", "number");
