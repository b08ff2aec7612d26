-- Argo CD health check for the secureml.dev kinds. Their status follows kstatus:
-- status.observedGeneration and the conditions Ready, Reconciling and Stalled, plus
-- DriftDetected on a DataQualityMonitor. The first line that applies decides:
--   no status, or status.observedGeneration behind metadata.generation  -> Progressing
--   Stalled=True                                                        -> Degraded
--   Ready=False with a reason the operator never retries (see terminal) -> Degraded
--   DriftDetected=True                                                  -> Degraded
--   Reconciling=True                                                    -> Progressing
--   Ready=True                                                          -> Healthy
--   anything else                                                       -> Progressing
-- The message is the deciding condition's reason and message.
local hs = {}

-- Reasons of errors that need a person to change something; the operator does not retry them.
local terminal = {
  PolicyViolation = true,
  SageMakerValidation = true,
  NameConflict = true,
  SpecImmutable = true,
  InvalidPolicy = true,
  NamespaceConflict = true,
}

local function describe(condition)
  local text = ""
  if condition.reason ~= nil and condition.reason ~= "" then
    text = condition.reason
  end
  if condition.message ~= nil and condition.message ~= "" then
    if text ~= "" then
      text = text .. ": "
    end
    text = text .. condition.message
  end
  return text
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
local observed = obj.status.observedGeneration
if generation ~= nil and observed ~= nil and observed < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
    .. " (status describes generation " .. tostring(observed) .. ")"
  return hs
end

local conditions = {}
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type ~= nil then
      conditions[condition.type] = condition
    end
  end
end

local function isTrue(name)
  return conditions[name] ~= nil and conditions[name].status == "True"
end

if isTrue("Stalled") then
  hs.status = "Degraded"
  hs.message = describe(conditions.Stalled)
  return hs
end

local ready = conditions.Ready
if ready ~= nil and ready.status == "False" and terminal[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready)
  return hs
end

-- Drift is for the application's owner to see, even while the monitor itself works fine.
if isTrue("DriftDetected") then
  hs.status = "Degraded"
  hs.message = describe(conditions.DriftDetected)
  return hs
end

if isTrue("Reconciling") then
  hs.status = "Progressing"
  hs.message = describe(conditions.Reconciling)
  return hs
end

if isTrue("Ready") then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

hs.status = "Progressing"
if ready ~= nil and describe(ready) ~= "" then
  hs.message = describe(ready)
elseif obj.status.phase ~= nil then
  hs.message = "Phase " .. obj.status.phase
else
  hs.message = "Waiting for the Ready condition"
end
return hs
