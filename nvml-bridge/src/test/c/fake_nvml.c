/*
 * A fake libnvidia-ml.so.1 for tests on machines without a GPU. It exports the NVML symbols the bridge binds, with
 * the ABI of nvml.h, and serves readings scripted by the file named in the environment variable FAKE_NVML_SCRIPT.
 * The script is re-read at every nvmlInit, so one test JVM can run many scenarios (JNA keeps the library loaded).
 *
 * Script lines (values per call are comma lists; the last value repeats once the list is used up):
 *   init_error 9                      nvmlInit returns this code
 *   driver 535.261.03
 *   gpus 2
 *   gpu 0 name NVIDIA H100 80GB HBM3
 *   gpu 0 uuid GPU-0000
 *   gpu 0 power 250000,260000         mW per call (fail: that call returns NVML_ERROR_UNKNOWN), or: not_supported
 *   gpu 0 energy 1000,fail,6000       mJ per call (fail as for power), or: not_supported
 *   gpu 0 util 80:40                  gpu:memory percent
 *   gpu 0 memory 85899345920:1073741824   total:used bytes
 *   gpu 0 lost_after 3                after 3 power readings, the next one and every later call on the device
 *                                     return GPU_IS_LOST
 *   gpu 0 hang_after 3                after 3 power readings, the next one hangs for a minute (a wedged driver)
 *   gpu 0 processes 100:2048,200:1024 pid:usedMiB of the running compute processes
 *   gpu 0 process_util 100:60,200:20  pid:smUtil per-process samples, or: not_supported
 *   gpu 0 handle_error 4              nvmlDeviceGetHandleByIndex fails with this code
 *   gpu 0 uuid_error 3                nvmlDeviceGetUUID fails with this code
 *   mig MIG-1111 1                    a MIG device with this UUID on GPU 1 (nvmlDeviceGetHandleByUUID finds it)
 *
 * Variants, as the drivers the bridge must read correctly:
 *   default            a current driver: _v3 process rows are nvmlProcessInfo_v2_t (24 bytes); it exports both
 *                      nvmlDeviceGetConfComputeMemSizeInfo and nvmlDeviceGetRunningProcessDetailList
 *   -DCC_PROCESS_ROWS  an R525 to early R535 driver: _v3 rows carry usedGpuCcProtectedMemory (32 bytes); it exports
 *                      nvmlDeviceGetConfComputeMemSizeInfo but not nvmlDeviceGetRunningProcessDetailList
 *   -DNO_V3            a driver older than the header the bridge expects: no _v2/_v3 symbol, no Confidential Computing
 *
 * fake_nvml_init_balance() is for tests only: successful nvmlInit calls minus nvmlShutdown calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_GPUS 8
#define MAX_VALUES 64
#define MAX_PROCS 8
#define MAX_MIGS 8
#define FAILED_CALL ~0ULL /* a "fail" entry in a list of per-call values */

typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
} processInfoV1;

typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
} processInfoV2;

/* nvmlProcessInfo_t of R525 to early R535 drivers */
typedef struct {
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
    unsigned long long usedGpuCcProtectedMemory;
} processInfoConfCompute;

typedef struct {
    unsigned int pid;
    unsigned long long timeStamp;
    unsigned int smUtil;
    unsigned int memUtil;
    unsigned int encUtil;
    unsigned int decUtil;
} processUtilizationSample;

typedef struct {
    char busIdLegacy[16];
    unsigned int domain;
    unsigned int bus;
    unsigned int device;
    unsigned int pciDeviceId;
    unsigned int pciSubSystemId;
    char busId[32];
} pciInfo;

typedef struct {
    unsigned int gpu;
    unsigned int memory;
} utilization;

typedef struct {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} memoryInfo;

typedef struct {
    int index;
    char name[96];
    char uuid[96];
    unsigned long long power[MAX_VALUES];
    int powerCount;
    int powerNotSupported;
    int handleError;
    int uuidError;
    unsigned long long energy[MAX_VALUES];
    int energyCount;
    int energyNotSupported;
    unsigned int utilGpu, utilMemory;
    unsigned long long memoryTotal, memoryUsed;
    int lostAfter;
    int hangAfter;
    unsigned int procPid[MAX_PROCS];
    unsigned long long procMiB[MAX_PROCS];
    int procCount;
    unsigned int utilPid[MAX_PROCS];
    unsigned int utilSm[MAX_PROCS];
    int utilCount;
    int processUtilNotSupported;
    int powerCalls;
    int lost;
    int energyCalls;
} fakeGpu;

typedef struct {
    char uuid[96];
    int parent;
} fakeMig;

static fakeGpu gpus[MAX_GPUS];
static int gpuCount;
static fakeMig migs[MAX_MIGS];
static int migCount;
static int initCount; /* NVML counts its inits: each successful nvmlInit needs one nvmlShutdown */
static int initError;
static char driverVersion[80];

/* Copies at most size - 1 characters and always terminates: script values longer than NVML's buffers are cut. */
static void setText(char *target, size_t size, const char *value) {
    size_t length = strnlen(value, size - 1);
    memcpy(target, value, length);
    target[length] = '\0';
}

static int parseList(const char *text, unsigned long long *values) {
    int count = 0;
    char *copy = strdup(text);
    for (char *token = strtok(copy, ","); token && count < MAX_VALUES; token = strtok(NULL, ",")) {
        values[count++] = strcmp(token, "fail") == 0 ? FAILED_CALL : strtoull(token, NULL, 10);
    }
    free(copy);
    return count;
}

static int parsePairs(const char *text, unsigned int *keys, unsigned long long *values) {
    int count = 0;
    char *copy = strdup(text);
    for (char *token = strtok(copy, ","); token && count < MAX_PROCS; token = strtok(NULL, ",")) {
        char *colon = strchr(token, ':');
        keys[count] = (unsigned int) strtoul(token, NULL, 10);
        values[count] = colon ? strtoull(colon + 1, NULL, 10) : 0;
        count++;
    }
    free(copy);
    return count;
}

static void resetScript(void) {
    memset(gpus, 0, sizeof gpus);
    gpuCount = 1;
    memset(migs, 0, sizeof migs);
    migCount = 0;
    initError = 0;
    strcpy(driverVersion, "999.99.99-fake");
    for (int i = 0; i < MAX_GPUS; i++) {
        gpus[i].index = i;
        snprintf(gpus[i].name, sizeof gpus[i].name, "Fake GPU %d", i);
        snprintf(gpus[i].uuid, sizeof gpus[i].uuid, "GPU-fake-%04d", i);
        gpus[i].power[0] = 100000;
        gpus[i].powerCount = 1;
        gpus[i].energyCount = 0; /* default counter: +100 J per call, see nvmlDeviceGetTotalEnergyConsumption */
        gpus[i].utilGpu = 50;
        gpus[i].utilMemory = 25;
        gpus[i].memoryTotal = 80ULL << 30;
        gpus[i].memoryUsed = 1ULL << 30;
        gpus[i].lostAfter = -1;
        gpus[i].hangAfter = -1;
    }
}

static void applyGpuLine(fakeGpu *gpu, const char *key, const char *value) {
    unsigned long long pairValues[MAX_PROCS];
    if (strcmp(key, "name") == 0) {
        setText(gpu->name, sizeof gpu->name, value);
    } else if (strcmp(key, "uuid") == 0) {
        setText(gpu->uuid, sizeof gpu->uuid, value);
    } else if (strcmp(key, "power") == 0) {
        gpu->powerNotSupported = strcmp(value, "not_supported") == 0;
        gpu->powerCount = gpu->powerNotSupported ? 1 : parseList(value, gpu->power);
    } else if (strcmp(key, "handle_error") == 0) {
        gpu->handleError = atoi(value);
    } else if (strcmp(key, "uuid_error") == 0) {
        gpu->uuidError = atoi(value);
    } else if (strcmp(key, "energy") == 0) {
        gpu->energyNotSupported = strcmp(value, "not_supported") == 0;
        gpu->energyCount = gpu->energyNotSupported ? 0 : parseList(value, gpu->energy);
    } else if (strcmp(key, "util") == 0) {
        sscanf(value, "%u:%u", &gpu->utilGpu, &gpu->utilMemory);
    } else if (strcmp(key, "memory") == 0) {
        sscanf(value, "%llu:%llu", &gpu->memoryTotal, &gpu->memoryUsed);
    } else if (strcmp(key, "lost_after") == 0) {
        gpu->lostAfter = atoi(value);
    } else if (strcmp(key, "hang_after") == 0) {
        gpu->hangAfter = atoi(value);
    } else if (strcmp(key, "processes") == 0) {
        gpu->procCount = parsePairs(value, gpu->procPid, gpu->procMiB);
    } else if (strcmp(key, "process_util") == 0) {
        gpu->processUtilNotSupported = strcmp(value, "not_supported") == 0;
        if (!gpu->processUtilNotSupported) {
            gpu->utilCount = parsePairs(value, gpu->utilPid, pairValues);
            for (int i = 0; i < gpu->utilCount; i++) {
                gpu->utilSm[i] = (unsigned int) pairValues[i];
            }
        }
    }
}

static void readScript(void) {
    resetScript();
    const char *path = getenv("FAKE_NVML_SCRIPT");
    FILE *file = path ? fopen(path, "r") : NULL;
    if (!file) {
        return;
    }
    char line[1024];
    while (fgets(line, sizeof line, file)) {
        line[strcspn(line, "\r\n")] = '\0';
        int index, offset = 0;
        char key[32];
        char migUuid[96];
        if (sscanf(line, "mig %95s %d", migUuid, &index) == 2 && migCount < MAX_MIGS && index >= 0 && index < MAX_GPUS) {
            setText(migs[migCount].uuid, sizeof migs[migCount].uuid, migUuid);
            migs[migCount++].parent = index;
        } else if (sscanf(line, "gpu %d %31s %n", &index, key, &offset) == 2 && offset > 0 && index >= 0 && index < MAX_GPUS) {
            applyGpuLine(&gpus[index], key, line + offset);
        } else if (sscanf(line, "gpus %d", &gpuCount) == 1) {
            gpuCount = gpuCount > MAX_GPUS ? MAX_GPUS : gpuCount;
        } else if (sscanf(line, "init_error %d", &initError) == 1) {
            continue;
        } else if (strncmp(line, "driver ", 7) == 0) {
            setText(driverVersion, sizeof driverVersion, line + 7);
        }
    }
    fclose(file);
}

/* A device handle is a pointer to its fakeGpu, as opaque to the caller as the real nvmlDevice_t. */
static int check(fakeGpu *gpu) {
    if (!initCount) {
        return 1; /* NVML_ERROR_UNINITIALIZED */
    }
    if (gpu == NULL) {
        return 2; /* NVML_ERROR_INVALID_ARGUMENT */
    }
    if (gpu->lost) {
        return 15; /* NVML_ERROR_GPU_IS_LOST */
    }
    return 0;
}

static unsigned long long nth(const unsigned long long *values, int count, int call) {
    return values[call < count ? call : count - 1];
}

static int copyString(char *target, unsigned int length, const char *value) {
    if (strlen(value) + 1 > length) {
        return 7; /* NVML_ERROR_INSUFFICIENT_SIZE */
    }
    strcpy(target, value);
    return 0;
}

static int doInit(void) {
    readScript();
    if (initError) {
        return initError;
    }
    initCount++;
    return 0;
}

static int doGetCount(unsigned int *count) {
    if (!initCount) {
        return 1;
    }
    *count = (unsigned int) gpuCount;
    return 0;
}

static int doGetHandle(unsigned int index, fakeGpu **device) {
    if (!initCount) {
        return 1;
    }
    if (index >= (unsigned int) gpuCount) {
        return 2;
    }
    if (gpus[index].handleError) {
        return gpus[index].handleError;
    }
    *device = &gpus[index];
    return 0;
}

static int doGetPciInfo(fakeGpu *gpu, pciInfo *pci, int withFullBusId) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "0000:%02X:00.0", 0x10 + gpu->index);
    pci->domain = 0;
    pci->bus = 0x10 + gpu->index;
    pci->device = 0;
    pci->pciDeviceId = 0x233010DE;
    if (withFullBusId) {
        pci->pciSubSystemId = 0x16C110DE;
        snprintf(pci->busId, sizeof pci->busId, "00000000:%02X:00.0", 0x10 + gpu->index);
    }
    return 0;
}

static int doGetProcesses(fakeGpu *gpu, unsigned int *count, void *infos, int version) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    if (*count < (unsigned int) gpu->procCount || (infos == NULL && gpu->procCount > 0)) {
        *count = (unsigned int) gpu->procCount;
        return 7;
    }
    *count = (unsigned int) gpu->procCount;
    for (int i = 0; i < gpu->procCount; i++) {
        if (version == 1) {
            processInfoV1 *info = (processInfoV1 *) infos + i;
            info->pid = gpu->procPid[i];
            info->usedGpuMemory = gpu->procMiB[i] << 20;
        } else if (version == 3) {
            processInfoConfCompute *info = (processInfoConfCompute *) infos + i;
            info->pid = gpu->procPid[i];
            info->usedGpuMemory = gpu->procMiB[i] << 20;
            info->gpuInstanceId = 0xFFFFFFFF;
            info->computeInstanceId = 0xFFFFFFFF;
            info->usedGpuCcProtectedMemory = 0;
        } else {
            processInfoV2 *info = (processInfoV2 *) infos + i;
            info->pid = gpu->procPid[i];
            info->usedGpuMemory = gpu->procMiB[i] << 20;
            info->gpuInstanceId = 0xFFFFFFFF;
            info->computeInstanceId = 0xFFFFFFFF;
        }
    }
    return 0;
}

int nvmlInit(void) {
    return doInit();
}

int nvmlShutdown(void) {
    if (!initCount) {
        return 1; /* NVML_ERROR_UNINITIALIZED */
    }
    initCount--;
    return 0;
}

int fake_nvml_init_balance(void) {
    return initCount;
}

const char *nvmlErrorString(int result) {
    switch (result) {
    case 0: return "Success (fake)";
    case 1: return "Uninitialized (fake)";
    case 3: return "Not Supported (fake)";
    case 9: return "Driver Not Loaded (fake)";
    case 15: return "GPU is lost (fake)";
    default: return "Unknown Error (fake)";
    }
}

int nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    return initCount ? copyString(version, length, driverVersion) : 1;
}

int nvmlDeviceGetCount(unsigned int *count) {
    return doGetCount(count);
}

int nvmlDeviceGetHandleByIndex(unsigned int index, fakeGpu **device) {
    return doGetHandle(index, device);
}

int nvmlDeviceGetPciInfo(fakeGpu *gpu, pciInfo *pci) {
    return doGetPciInfo(gpu, pci, 0);
}

int nvmlDeviceGetComputeRunningProcesses(fakeGpu *gpu, unsigned int *count, void *infos) {
    return doGetProcesses(gpu, count, infos, 1);
}

#ifndef NO_V3
int nvmlInit_v2(void) {
    return doInit();
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    return doGetCount(count);
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, fakeGpu **device) {
    return doGetHandle(index, device);
}

int nvmlDeviceGetPciInfo_v2(fakeGpu *gpu, pciInfo *pci) {
    return doGetPciInfo(gpu, pci, 1);
}

int nvmlDeviceGetPciInfo_v3(fakeGpu *gpu, pciInfo *pci) {
    return doGetPciInfo(gpu, pci, 1);
}

int nvmlDeviceGetComputeRunningProcesses_v2(fakeGpu *gpu, unsigned int *count, void *infos) {
    return doGetProcesses(gpu, count, infos, 2);
}

#ifdef CC_PROCESS_ROWS
int nvmlDeviceGetComputeRunningProcesses_v3(fakeGpu *gpu, unsigned int *count, void *infos) {
    return doGetProcesses(gpu, count, infos, 3);
}
#else
int nvmlDeviceGetComputeRunningProcesses_v3(fakeGpu *gpu, unsigned int *count, void *infos) {
    return doGetProcesses(gpu, count, infos, 2);
}

/* Only exported, so that the bridge can tell this driver's process rows from the R525 to early R535 ones. */
int nvmlDeviceGetRunningProcessDetailList(fakeGpu *gpu, void *plist) {
    int rc = check(gpu);
    return rc ? rc : 3; /* NVML_ERROR_NOT_SUPPORTED */
}
#endif

/* Only exported, as drivers since R525 do; Confidential Computing is off. */
int nvmlDeviceGetConfComputeMemSizeInfo(fakeGpu *gpu, unsigned long long *sizesKib) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    sizesKib[0] = 0; /* protectedMemSizeKib */
    sizesKib[1] = 0; /* unprotectedMemSizeKib */
    return 0;
}
#endif

int nvmlDeviceGetName(fakeGpu *gpu, char *name, unsigned int length) {
    int rc = check(gpu);
    return rc ? rc : copyString(name, length, gpu->name);
}

int nvmlDeviceGetUUID(fakeGpu *gpu, char *uuid, unsigned int length) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    return gpu->uuidError ? gpu->uuidError : copyString(uuid, length, gpu->uuid);
}

int nvmlDeviceGetIndex(fakeGpu *gpu, unsigned int *index) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    *index = (unsigned int) gpu->index;
    return 0;
}

/* A MIG device handle points into migs[], so it is told from a GPU handle by its address. */
static fakeMig *asMig(void *device) {
    char *address = device;
    return address >= (char *) migs && address < (char *) (migs + migCount) ? device : NULL;
}

int nvmlDeviceGetHandleByUUID(const char *uuid, void **device) {
    if (!initCount) {
        return 1;
    }
    for (int i = 0; i < gpuCount; i++) {
        if (strcmp(uuid, gpus[i].uuid) == 0) {
            *device = &gpus[i];
            return 0;
        }
    }
    for (int i = 0; i < migCount; i++) {
        if (strcmp(uuid, migs[i].uuid) == 0) {
            *device = &migs[i];
            return 0;
        }
    }
    return 6; /* NVML_ERROR_NOT_FOUND */
}

int nvmlDeviceGetDeviceHandleFromMigDeviceHandle(void *migDevice, fakeGpu **device) {
    fakeMig *mig = asMig(migDevice);
    if (!initCount) {
        return 1;
    }
    if (mig == NULL) {
        return 2; /* NVML_ERROR_INVALID_ARGUMENT: not a MIG device handle */
    }
    *device = &gpus[mig->parent];
    return 0;
}

int nvmlDeviceGetPowerUsage(fakeGpu *gpu, unsigned int *milliwatts) {
    if (gpu != NULL && gpu->lostAfter >= 0 && gpu->powerCalls >= gpu->lostAfter) {
        gpu->lost = 1;
    }
    if (gpu != NULL && gpu->hangAfter >= 0 && gpu->powerCalls >= gpu->hangAfter) {
        sleep(60);
    }
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    if (gpu->powerNotSupported) {
        gpu->powerCalls++;
        return 3;
    }
    unsigned long long value = nth(gpu->power, gpu->powerCount, gpu->powerCalls++);
    if (value == FAILED_CALL) {
        return 999; /* NVML_ERROR_UNKNOWN */
    }
    *milliwatts = (unsigned int) value;
    return 0;
}

int nvmlDeviceGetEnforcedPowerLimit(fakeGpu *gpu, unsigned int *milliwatts) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    *milliwatts = 700000;
    return 0;
}

int nvmlDeviceGetTotalEnergyConsumption(fakeGpu *gpu, unsigned long long *millijoules) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    if (gpu->energyNotSupported) {
        return 3; /* NVML_ERROR_NOT_SUPPORTED */
    }
    int call = gpu->energyCalls++;
    unsigned long long value = gpu->energyCount ? nth(gpu->energy, gpu->energyCount, call)
                                                : 100000ULL * (unsigned long long) call;
    if (value == FAILED_CALL) {
        return 999; /* NVML_ERROR_UNKNOWN */
    }
    *millijoules = value;
    return 0;
}

int nvmlDeviceGetUtilizationRates(fakeGpu *gpu, utilization *rates) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    rates->gpu = gpu->utilGpu;
    rates->memory = gpu->utilMemory;
    return 0;
}

int nvmlDeviceGetMemoryInfo(fakeGpu *gpu, memoryInfo *memory) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    memory->total = gpu->memoryTotal;
    memory->used = gpu->memoryUsed;
    memory->free = gpu->memoryTotal - gpu->memoryUsed;
    return 0;
}

int nvmlDeviceGetTemperature(fakeGpu *gpu, int sensor, unsigned int *celsius) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    if (sensor != 0) {
        return 2;
    }
    *celsius = 40 + (unsigned int) gpu->index;
    return 0;
}

int nvmlDeviceGetClockInfo(fakeGpu *gpu, int type, unsigned int *mhz) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    *mhz = type == 1 ? 1980 : 1000;
    return 0;
}

int nvmlDeviceGetProcessUtilization(fakeGpu *gpu, processUtilizationSample *samples, unsigned int *count,
                                    unsigned long long lastSeenTimeStamp) {
    int rc = check(gpu);
    if (rc) {
        return rc;
    }
    if (gpu->processUtilNotSupported) {
        return 3;
    }
    if (gpu->utilCount == 0) {
        return 6; /* NVML_ERROR_NOT_FOUND: no samples since lastSeenTimeStamp */
    }
    if (samples == NULL || *count < (unsigned int) gpu->utilCount) {
        *count = (unsigned int) gpu->utilCount;
        return 7;
    }
    *count = (unsigned int) gpu->utilCount;
    for (int i = 0; i < gpu->utilCount; i++) {
        samples[i].pid = gpu->utilPid[i];
        samples[i].timeStamp = lastSeenTimeStamp + 1000 + (unsigned long long) i;
        samples[i].smUtil = gpu->utilSm[i];
        samples[i].memUtil = gpu->utilSm[i] / 2;
        samples[i].encUtil = 0;
        samples[i].decUtil = 0;
    }
    return 0;
}
