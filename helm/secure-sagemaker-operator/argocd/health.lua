-- Argo CD health check for the secureml.dev kinds. Their status follows kstatus:
-- status.observedGeneration and the conditions Ready, Reconciling and Stalled.
--   status.observedGeneration behind metadata.generation -> Progressing (status is stale)
--   Stalled=True                                         -> Degraded, with its message
--   Ready=True                                           -> Healthy
--   anything else                                        -> Progressing
local hs = {}

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

local ready = nil
local stalled = nil
local reconciling = nil
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.status == "True" then
      if condition.type == "Stalled" then
        stalled = condition
      elseif condition.type == "Ready" then
        ready = condition
      elseif condition.type == "Reconciling" then
        reconciling = condition
      end
    end
  end
end

if stalled ~= nil then
  hs.status = "Degraded"
  hs.message = describe(stalled)
  return hs
end

if ready ~= nil then
  hs.status = "Healthy"
  hs.message = describe(ready)
  return hs
end

hs.status = "Progressing"
if reconciling ~= nil then
  hs.message = describe(reconciling)
elseif obj.status.phase ~= nil then
  hs.message = "Phase " .. obj.status.phase
else
  hs.message = "Waiting for the Ready condition"
end
return hs
