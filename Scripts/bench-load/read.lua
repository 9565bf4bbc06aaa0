-- Read mix for wrk: an authenticated client reading organisations, patents, achievements, the
-- year's challenges and its own profile. Id ranges come from the environment (set by
-- Scripts/bench-load.sh from the seeded database): ORGS, PATENTS="lo-hi", ACHIEVEMENTS="lo-hi".
local token = os.getenv("TOKEN")
local function range(name)
  local lo, hi = (os.getenv(name) or "1-1"):match("(%d+)-(%d+)")
  return tonumber(lo), tonumber(hi)
end
local orgs = tonumber(os.getenv("ORGS") or "1")
local plo, phi = range("PATENTS")
local alo, ahi = range("ACHIEVEMENTS")
math.randomseed(2026)
request = function()
  local pick = math.random(5)
  local path
  if pick == 1 then path = "/v1/me"
  elseif pick == 2 then path = "/v1/organizations/" .. math.random(orgs)
  elseif pick == 3 then path = "/v1/patents/" .. math.random(plo, phi)
  elseif pick == 4 then path = "/v1/achievements/" .. math.random(alo, ahi)
  else path = "/v1/challenges?limit=5" end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
