winget install --id EclipseAdoptium.Temurin.17.JDK -e --accept-source-agreements
winget install --id Git.Git -e
[Environment]::SetEnvironmentVariable('JAVA_HOME', 'C:\Program Files\Eclipse Adoptium\jdk-17', 'User')
