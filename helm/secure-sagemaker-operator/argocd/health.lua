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
-- Reasons of errors that need a person to change something; the operator does not retry them.
local terminal = {
  PolicyViolation = true,
  SageMakerValidation = true,
  NameConflict = true,
  SpecImmutable = true,
  InvalidPolicy = true,
  NamespaceConflict = true,
}

local function health(status, message)
  return {status = status, message = message}
end

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
  return health("Progressing", "Waiting for the operator to report status")
end

local generation = nil
if obj.metadata ~= nil then
  generation = obj.metadata.generation
end
local observed = obj.status.observedGeneration
if generation ~= nil and observed ~= nil and observed < generation then
  return health("Progressing", "Waiting for the operator to observe generation "
    .. tostring(generation) .. " (status describes generation " .. tostring(observed) .. ")")
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

local ready = conditions.Ready
if isTrue("Stalled") then
  return health("Degraded", describe(conditions.Stalled))
end
if ready ~= nil and ready.status == "False" and terminal[ready.reason] then
  return health("Degraded", describe(ready))
end
-- Drift is for the application's owner to see, even while the monitor itself works fine.
if isTrue("DriftDetected") then
  return health("Degraded", describe(conditions.DriftDetected))
end
if isTrue("Reconciling") then
  return health("Progressing", describe(conditions.Reconciling))
end
if isTrue("Ready") then
  return health("Healthy", describe(ready))
end

if ready ~= nil and describe(ready) ~= "" then
  return health("Progressing", describe(ready))
elseif obj.status.phase ~= nil then
  return health("Progressing", "Phase " .. obj.status.phase)
end
return health("Progressing", "Waiting for the Ready condition")
